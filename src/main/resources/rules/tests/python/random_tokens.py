# The random module "should not be used for security purposes"
# (https://docs.python.org/3/library/random.html); secrets is the module for tokens
# (https://docs.python.org/3/library/secrets.html).
import base64
import random
import secrets

from flask import session


def remember_me():
    # ruleid: weak_crypto
    token = base64.b64encode(random.randbytes(24)).decode()
    session["remember_token"] = token


def reset_password_code():
    # ruleid: weak_crypto
    code = str(random.normalvariate(0, 1))[2:8]
    session["reset_code"] = code


def remember_me_safely():
    # ok: weak_crypto
    token = secrets.token_urlsafe(24)
    session["remember_token"] = token
