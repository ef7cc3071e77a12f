"""Account-level Block Public Access through boto3's s3control client.

Reads JSON from argv[1]: the trustlab url and two accounts' root keys. Prints one JSON object: what
each call returned, or the error it raised.
"""
import json
import sys

import boto3
import botocore.exceptions

import loopback  # noqa: F401  (bucket.localhost and {account}.localhost resolve to 127.0.0.1)

lab = json.loads(sys.argv[1])


def client(service, who):
    keys = lab[who]
    return boto3.client(service, endpoint_url=lab['url'].replace('127.0.0.1', 'localhost'),
                        region_name='us-east-1', aws_access_key_id=keys['key'],
                        aws_secret_access_key=keys['secret'])


def error_of(call):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message'],
                'status': e.response['ResponseMetadata']['HTTPStatusCode']}
    return None


production = lab['production']['id']
control = client('s3control', 'production')
s3 = client('s3', 'production')
block_policy = {'BlockPublicAcls': False, 'IgnorePublicAcls': False, 'BlockPublicPolicy': True,
                'RestrictPublicBuckets': False}
public_policy = json.dumps({'Version': '2012-10-17', 'Statement': [
    {'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::open-bucket/*'}]})

out = {}
out['missing'] = error_of(lambda: control.get_public_access_block(AccountId=production))
control.put_public_access_block(AccountId=production, PublicAccessBlockConfiguration=block_policy)
out['got'] = control.get_public_access_block(AccountId=production)['PublicAccessBlockConfiguration']
out['other_account'] = error_of(lambda: client('s3control', 'development').get_public_access_block(
    AccountId=production))

# The bucket's own settings are off; the account's BlockPublicPolicy still refuses a public policy.
s3.create_bucket(Bucket='open-bucket')
s3.delete_public_access_block(Bucket='open-bucket')
out['public_policy_blocked'] = error_of(lambda: s3.put_bucket_policy(Bucket='open-bucket', Policy=public_policy))
control.delete_public_access_block(AccountId=production)
out['after_delete'] = error_of(lambda: control.get_public_access_block(AccountId=production))
out['public_policy_allowed'] = error_of(lambda: s3.put_bucket_policy(Bucket='open-bucket', Policy=public_policy))

print(json.dumps(out))
