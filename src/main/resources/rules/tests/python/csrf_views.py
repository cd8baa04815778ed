from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.urls import path
from flask import Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
csrf = CSRFProtect(app)


# ruleid: csrf
@csrf_exempt
def transfer(request):
    return HttpResponse("done")


# ok: csrf
@csrf_protect
def rename(request):
    return HttpResponse("renamed")


urlpatterns = [
    # ruleid: csrf
    path("hooks/payment", csrf_exempt(transfer)),
    # ok: csrf
    path("rename", rename),
]


# ruleid: csrf
@csrf.exempt
@app.route("/api/orders", methods=["POST"])
def create_order():
    return "created"


# ruleid: csrf
app.config["WTF_CSRF_ENABLED"] = False
# ok: csrf
app.config["WTF_CSRF_ENABLED"] = True


def test_settings():
    return dict(
        TESTING=True,
        # ok: csrf
        WTF_CSRF_ENABLED=False,
    )


def includeme(config):
    # ruleid: csrf
    config.set_default_csrf_options(require_csrf=False)
    # ok: csrf
    config.set_default_csrf_options(require_csrf=True)
