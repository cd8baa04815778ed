# Flawed containment checks, argument injection and Host-header trust (rules/removed-protection.yml).
# Written from the Python documentation of os.path.commonprefix / commonpath and POSIX guideline 10.
import os
import subprocess

import flask


def to_os_path(root, path):
    os_path = os.path.join(root, path)
    # ruleid: path_traversal
    if not (os.path.abspath(os_path) + os.path.sep).startswith(root):
        raise ValueError(path)
    # ok: path_traversal
    if not (os.path.abspath(os_path) + os.path.sep).startswith(root + os.path.sep):
        raise ValueError(path)
    return os_path


def is_within(directory, target):
    abs_directory = os.path.abspath(directory)
    abs_target = os.path.abspath(target)
    # ruleid: path_traversal
    prefix = os.path.commonprefix([abs_directory, abs_target])
    # ok: path_traversal
    common = os.path.commonpath([abs_directory, abs_target])
    return prefix == abs_directory and common == abs_directory


def clone(url, dest):
    # ruleid: command_injection
    subprocess.run(["git", "clone", url, dest], check=True)
    # ok: command_injection
    subprocess.run(["git", "clone", "--", url, dest], check=True)


def local_only(func):
    def wrapper(*args, **kwargs):
        http_host = flask.request.environ.get("HTTP_HOST", "0")
        # ruleid: auth_bypass
        if http_host in ("127.0.0.1:9666", "localhost:9666"):
            return func(*args, **kwargs)
        # ok: auth_bypass
        if flask.request.remote_addr in ("127.0.0.1", "::1"):
            return func(*args, **kwargs)
        return "Forbidden", 403
    return wrapper
