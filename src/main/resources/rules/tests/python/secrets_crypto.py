import hashlib

# ruleid: hardcoded_secret
SECRET_KEY = "k8Zq2LmQ9vT4wZ7kP3nJ6sD1fH5gY0cB"
# ok: hardcoded_secret
DB_PASSWORD_ENV = "DB_PASSWORD"


def store(password):
    # ruleid: weak_crypto
    digest = hashlib.md5(password.encode()).hexdigest()
    # ok: weak_crypto
    good = hashlib.sha256(password.encode()).hexdigest()
    return digest, good
