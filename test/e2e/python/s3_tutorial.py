"""The tutorials' S3 endings with boto3.

Reads JSON from argv[1]: the trustlab url, a scratch directory and the credentials the test set up
(David's UpdateApp session, David's own keys, Production's root). Plays the steps and prints one JSON
object: what each call returned, or the error it raised.
"""
import hashlib
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

import boto3
import botocore.exceptions
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

import loopback  # noqa: F401  (bucket.localhost and {account}.localhost resolve to 127.0.0.1)

lab = json.loads(sys.argv[1])
url = lab['url']
MiB = 1024 * 1024


def s3(who, endpoint=url, addressing='path', signature=None):
    c = lab[who]
    return boto3.client('s3', endpoint_url=endpoint, region_name='us-east-1',
                        aws_access_key_id=c['accessKeyId'], aws_secret_access_key=c['secretAccessKey'],
                        aws_session_token=c.get('sessionToken'),
                        config=Config(s3={'addressing_style': addressing}, signature_version=signature))


def error_of(call):
    """The error a call raised, as code, message and status; None when it succeeded."""
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message'],
                'status': e.response['ResponseMetadata']['HTTPStatusCode']}
    return None


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(MiB), b''):
            digest.update(block)
    return digest.hexdigest()


out = {}
session = s3('session')

# Delegate access: the UpdateApp session lists, puts and gets in productionapp, and nothing else.
session.put_object(Bucket='productionapp', Key='app/index.html', Body=b'<h1>app</h1>')
listed = session.list_objects_v2(Bucket='productionapp', Prefix='app/')
out['listed'] = [[o['Key'], o['Size']] for o in listed.get('Contents', [])]
out['got'] = session.get_object(Bucket='productionapp', Key='app/index.html')['Body'].read().decode()
out['other_list'] = error_of(lambda: session.list_objects_v2(Bucket='otherbucket'))
out['other_get'] = error_of(lambda: session.get_object(Bucket='otherbucket', Key='secret.txt'))
out['own_keys_list'] = error_of(lambda: s3('david').list_objects_v2(Bucket='productionapp'))

# Accounts A/B: David writes into Production's bucket only when Production will own the object.
david = s3('david')
out['cross_without_acl'] = error_of(
    lambda: david.put_object(Bucket='cross-account-bucket', Key='test.txt', Body=b'from account A'))
david.put_object(Bucket='cross-account-bucket', Key='test.txt', Body=b'from account A',
                 ACL='bucket-owner-full-control')
out['cross_read_by_owner'] = s3('production').get_object(
    Bucket='cross-account-bucket', Key='test.txt')['Body'].read().decode()

# 100 MiB through the transfer manager, in 8 MiB parts, and back.
big = os.path.join(lab['scratch'], 'big.bin')
with open(big, 'wb') as f:
    f.write(os.urandom(100 * MiB))
parts = TransferConfig(multipart_threshold=8 * MiB, multipart_chunksize=8 * MiB)
session.upload_file(big, 'productionapp', 'big.bin', Config=parts)
out['big_etag'] = session.head_object(Bucket='productionapp', Key='big.bin')['ETag']
back = os.path.join(lab['scratch'], 'big.back')
session.download_file('productionapp', 'big.bin', back, Config=parts)
out['big_identical'] = sha256_of(big) == sha256_of(back)

# A presigned GET, fetched without boto3. boto3 still presigns with SigV2 unless told otherwise, which
# S3 refuses for buckets made since June 2020; SigV4 works.
index = {'Bucket': 'productionapp', 'Key': 'app/index.html'}


def fetch(presigned):
    try:
        with urllib.request.urlopen(presigned) as answer:
            return {'status': answer.status, 'body': answer.read().decode()}
    except urllib.error.HTTPError as e:
        return {'status': e.code, 'body': e.read().decode()}


out['presigned_v2'] = fetch(session.generate_presigned_url('get_object', Params=index, ExpiresIn=60))
v4 = s3('session', signature='s3v4')
out['presigned_v4'] = fetch(v4.generate_presigned_url('get_object', Params=index, ExpiresIn=60))

# Virtual-hosted addressing: the bucket in the host name.
virtual = s3('session', endpoint=url.replace('127.0.0.1', 'localhost'), addressing='virtual')
hosts = []
virtual.meta.events.register('before-send.s3', lambda request, **kwargs: hosts.append(
    urllib.parse.urlsplit(request.url).hostname))
virtual.put_object(Bucket='productionapp', Key='virtual.txt', Body=b'by host')
out['virtual_got'] = virtual.get_object(Bucket='productionapp', Key='virtual.txt')['Body'].read().decode()
out['virtual_other_list'] = error_of(lambda: virtual.list_objects_v2(Bucket='otherbucket'))
out['virtual_hosts'] = sorted(set(hosts))

print(json.dumps(out))
