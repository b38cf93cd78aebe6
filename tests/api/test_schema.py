"""The API's OpenAPI 3.1 schema is valid, says what the answers really are, and its docs
are served from this site alone."""

import re

import pytest
from django.test import Client
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from tests.factories import make_article

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/articles/",
    "/api/v1/articles/{code}/",
    "/api/v1/articles/{code}/live/",
    "/api/v1/sections/",
    "/api/v1/tags/",
    "/api/v1/search/",
    "/api/v1/most-read/",
}


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3_1(schema):
    assert schema["openapi"].startswith("3.1.")
    validate(schema, cls=OpenAPIV31SpecValidator)  # raises on the first fault


def test_the_validator_would_catch_a_broken_schema(schema):
    broken = {**schema, "paths": {"/api/v1/articles/": {"get": {"responses": "none"}}}}
    with pytest.raises(OpenAPIValidationError, match="'none' is not of type 'object'"):
        validate(broken, cls=OpenAPIV31SpecValidator)


def test_the_schema_names_every_endpoint_read_only_with_its_errors(schema):
    assert set(schema["paths"]) == ENDPOINTS
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path
    listing = schema["paths"]["/api/v1/articles/"]["get"]
    assert {"200", "400", "404"} <= set(listing["responses"])
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert names == {"section", "tag", "since", "until", "cursor", "limit"}


def test_an_article_as_served_has_the_fields_the_schema_promises(client, schema, section):
    article = make_article(section=section)
    promised = schema["components"]["schemas"]["ArticleDetail"]["required"]
    served = client.get(f"/api/v1/articles/{article.code}/").json()
    assert set(promised) <= set(served)
    summary = schema["components"]["schemas"]["ArticleSummary"]["required"]
    (item,) = client.get("/api/v1/articles/").json()["items"]
    assert set(summary) <= set(item)


def test_the_docs_load_nothing_from_elsewhere():
    page = Client().get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert all(a.startswith("/static/") for a in assets), assets
    for asset in assets:
        assert Client().get(asset).status_code == 200, asset
    assert "<script>" not in html  # no inline script: the CSP allows none
    assert "script-src 'self'" in page["Content-Security-Policy"]
