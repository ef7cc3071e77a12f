"""The IAM and STS part of AWS's tutorial "Delegate access across AWS accounts using IAM roles" with boto3.

Reads the tutorial as data (test/e2e/delegate-access.ts) as JSON in argv[1], plays it against the trustlab
at its url, and prints one JSON object: what Step 3's calls returned, or the error each raised.
"""
import json
import os
import sys

import boto3
import botocore.exceptions
from botocore import xform_name

lab = json.loads(sys.argv[1])
url = lab['url']


def client(service, key, secret, token=None):
    return boto3.client(service, endpoint_url=url, region_name='us-east-1', aws_access_key_id=key,
                        aws_secret_access_key=secret, aws_session_token=token)


def error_of(call):
    """The error a call raised, as the test expects it; None when it succeeded."""
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return {'operation': e.operation_name, 'code': e.response['Error']['Code'],
                'message': e.response['Error']['Message']}
    return None


def param(value):
    if isinstance(value, str):
        return value
    with open(value['file']) as document:
        return document.read()


# Steps 1 and 2: each account's root user makes the calls; CreateAccessKey gives David and Theresa keys.
users = {}
for call in lab['setup']:
    account = lab['accounts'][call['account']]
    iam = client('iam', account['key'], account['secret'])
    out = getattr(iam, xform_name(call['action']))(**{k: param(v) for k, v in call['params'].items()})
    if call['action'] == 'CreateAccessKey':
        users[out['AccessKey']['UserName']] = out['AccessKey']

step3 = lab['step3']
result = {}

# Step 3 with the API: David's AssumeRole, then the temporary credentials it returned.
david = users['David']
assumed = client('sts', david['AccessKeyId'], david['SecretAccessKey']).assume_role(**step3['davidAssumes'])
credentials = assumed['Credentials']
result['assumed_role_user'] = assumed['AssumedRoleUser']['Arn']
result['access_key_id'] = credentials['AccessKeyId']
session = (credentials['AccessKeyId'], credentials['SecretAccessKey'], credentials['SessionToken'])
identity = client('sts', *session).get_caller_identity()
result['identity'] = {k: identity[k] for k in ('UserId', 'Account', 'Arn')}
result['session_create_user'] = error_of(lambda: client('iam', *session).create_user(**step3['sessionCreatesUser']))

theresa = users['Theresa']
result['theresa_assume_role'] = error_of(
    lambda: client('sts', theresa['AccessKeyId'], theresa['SecretAccessKey']).assume_role(**step3['theresaAssumes']))

# The same with the seed's role_arn + source_profile profile: boto3 assumes the role by itself.
with open(os.environ['AWS_CONFIG_FILE'], 'w') as config:
    config.write(lab['roleProfile'].format(key=david['AccessKeyId'], secret=david['SecretAccessKey']))
result['profile_identity'] = boto3.Session(profile_name='roleb').client('sts').get_caller_identity()['Arn']

print(json.dumps(result))
