"""Resolves every name under .localhost to 127.0.0.1 for this process, once imported.

RFC 6761 makes .localhost loopback, and curl and browsers resolve it so; glibc does not. Virtual-hosted
S3 requests go to bucket.localhost, and botocore sends S3 Control to {account}.localhost.
"""
import socket

_getaddrinfo = socket.getaddrinfo


def _loopback(host, *args, **kwargs):
    if isinstance(host, str) and host.endswith('.localhost'):
        host = '127.0.0.1'
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _loopback
