"""CustomResourceDefinitions and custom objects through ApiextensionsV1Api and CustomObjectsApi."""
import json
import time

import pytest
from kubernetes import client

from conftest import unique

GROUP = "pyjudge.example.com"


@pytest.fixture(scope="module")
def widgets(api_client):
    """A namespaced Widget kind with a schema, a status and a scale subresource, established."""
    extensions = client.ApiextensionsV1Api(api_client)
    plural = "widgets" + unique("x").split("-")[1]
    name = f"{plural}.{GROUP}"
    schema = {
        "type": "object",
        "properties": {
            "spec": {
                "type": "object",
                "required": ["size"],
                "properties": {
                    "size": {"type": "integer", "minimum": 1, "maximum": 10},
                    "color": {"type": "string", "enum": ["red", "blue"], "default": "red"},
                    "replicas": {"type": "integer"},
                },
                "x-kubernetes-validations": [
                    {"rule": "self.size <= 5 || self.color == 'blue'", "message": "big widgets are blue"}
                ],
            },
            "status": {
                "type": "object",
                "properties": {"ready": {"type": "boolean"}, "replicas": {"type": "integer"}},
            },
        },
    }
    body = {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": name},
        "spec": {
            "group": GROUP,
            "scope": "Namespaced",
            "names": {"plural": plural, "singular": plural[:-1], "kind": "Widget" + plural[7:].upper(),
                      "listKind": "Widget" + plural[7:].upper() + "List"},
            "versions": [{
                "name": "v1",
                "served": True,
                "storage": True,
                "schema": {"openAPIV3Schema": schema},
                "subresources": {
                    "status": {},
                    "scale": {"specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas"},
                },
            }],
        },
    }
    created = extensions.create_custom_resource_definition(body)
    assert created.metadata.name == name
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        crd = extensions.read_custom_resource_definition(name)
        conditions = {c.type: c.status for c in (crd.status.conditions or [])}
        if conditions.get("Established") == "True":
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the CRD was not established")
    # Discovery catches up after Established; a create right away may 404 on a real server.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            client.CustomObjectsApi(api_client).list_cluster_custom_object(GROUP, "v1", plural)
            break
        except client.ApiException as error:
            if error.status != 404:
                raise
            time.sleep(0.2)
    yield plural, body["spec"]["names"]["kind"]
    extensions.delete_custom_resource_definition(name)


# The CEL rules' cause when the schema checks failed first.
UNCHECKED = {"reason": "FieldValueInvalid", "field": "<nil>", "message": (
        "Invalid value: null: some validation rules were not checked because the object was invalid; "
        "correct the existing errors to complete validation"
    )}


def widget(kind, name, spec):
    return {"apiVersion": f"{GROUP}/v1", "kind": kind, "metadata": {"name": name}, "spec": spec}


def test_crd_defaults(api_client, widgets):
    plural, _ = widgets
    crd = client.ApiextensionsV1Api(api_client).read_custom_resource_definition(f"{plural}.{GROUP}")
    assert crd.spec.conversion.strategy == "None"
    assert crd.status.accepted_names.kind == crd.spec.names.kind
    assert crd.status.stored_versions == ["v1"]
    conditions = {c.type: c.status for c in crd.status.conditions}
    assert conditions["NamesAccepted"] == "True"


def test_custom_object_crud(api_client, ns, widgets):
    plural, kind = widgets
    objects = client.CustomObjectsApi(api_client)
    name = unique("w")
    created = objects.create_namespaced_custom_object(
        GROUP, "v1", ns, plural, widget(kind, name, {"size": 2, "unknown": "pruned"})
    )
    assert created["spec"] == {"size": 2, "color": "red"}
    assert created["metadata"]["generation"] == 1
    patched = objects.patch_namespaced_custom_object(
        GROUP, "v1", ns, plural, name, {"spec": {"size": 3}}
    )
    assert patched["spec"]["size"] == 3
    assert patched["metadata"]["generation"] == 2
    listed = objects.list_namespaced_custom_object(GROUP, "v1", ns, plural)
    assert listed["kind"] == kind + "List"
    assert [item["metadata"]["name"] for item in listed["items"]] == [name]
    status = objects.patch_namespaced_custom_object_status(
        GROUP, "v1", ns, plural, name, {"status": {"ready": True}}
    )
    assert status["status"] == {"ready": True}
    assert status["metadata"]["generation"] == 2
    objects.delete_namespaced_custom_object(GROUP, "v1", ns, plural, name)
    with pytest.raises(client.ApiException) as caught:
        objects.get_namespaced_custom_object(GROUP, "v1", ns, plural, name)
    assert caught.value.status == 404
    assert json.loads(caught.value.body)["message"] == f'{plural}.{GROUP} "{name}" not found'


def test_custom_object_validation(api_client, ns, widgets):
    plural, kind = widgets
    objects = client.CustomObjectsApi(api_client)
    name = unique("w")
    with pytest.raises(client.ApiException) as caught:
        objects.create_namespaced_custom_object(
            GROUP, "v1", ns, plural, widget(kind, name, {"size": 11, "color": "green"})
        )
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["reason"] == "Invalid"
    assert body["details"]["group"] == GROUP
    assert body["details"]["kind"] == kind
    # Go visits the schema's properties in map order: compare the causes as a set.
    assert sorted(body["details"]["causes"], key=lambda c: json.dumps(c, sort_keys=True)) == sorted([
        {"reason": "FieldValueNotSupported", "field": "spec.color",
         "message": 'Unsupported value: "green": supported values: "red", "blue"'},
        {"reason": "FieldValueInvalid", "field": "spec.size",
         "message": "Invalid value: 11: spec.size in body should be less than or equal to 10"},
        UNCHECKED,
    ], key=lambda c: json.dumps(c, sort_keys=True))
    with pytest.raises(client.ApiException) as caught:
        objects.create_namespaced_custom_object(GROUP, "v1", ns, plural, widget(kind, name, {}))
    body = json.loads(caught.value.body)
    assert body["details"]["causes"] == [
        {"reason": "FieldValueRequired", "message": "Required value", "field": "spec.size"},
        UNCHECKED,
    ]
    with pytest.raises(client.ApiException) as caught:
        objects.create_namespaced_custom_object(
            GROUP, "v1", ns, plural, widget(kind, name, {"size": 7})
        )
    body = json.loads(caught.value.body)
    assert body["details"]["causes"] == [
        {"reason": "FieldValueInvalid", "message": "Invalid value: big widgets are blue", "field": "spec"}
    ]


def test_custom_object_scale(api_client, ns, widgets):
    plural, kind = widgets
    objects = client.CustomObjectsApi(api_client)
    name = unique("w")
    objects.create_namespaced_custom_object(
        GROUP, "v1", ns, plural, widget(kind, name, {"size": 1, "replicas": 2})
    )
    scale = objects.get_namespaced_custom_object_scale(GROUP, "v1", ns, plural, name)
    assert scale["kind"] == "Scale"
    assert scale["apiVersion"] == "autoscaling/v1"
    assert scale["spec"] == {"replicas": 2}
    scaled = objects.patch_namespaced_custom_object_scale(
        GROUP, "v1", ns, plural, name, {"spec": {"replicas": 4}}
    )
    assert scaled["spec"]["replicas"] == 4
    read = objects.get_namespaced_custom_object(GROUP, "v1", ns, plural, name)
    assert read["spec"]["replicas"] == 4


def test_unknown_custom_resource(api_client, ns):
    with pytest.raises(client.ApiException) as caught:
        client.CustomObjectsApi(api_client).list_namespaced_custom_object(
            GROUP, "v1", ns, "nothings"
        )
    assert caught.value.status == 404
    assert caught.value.body == "404 page not found\n"
    assert caught.value.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert caught.value.headers["X-Content-Type-Options"] == "nosniff"
