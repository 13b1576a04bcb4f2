"""Errors as ApiException: status, reason and the Status body kube-apiserver writes."""
import json

import pytest
from kubernetes import client

from conftest import meta, unique


def status_of(caught):
    body = json.loads(caught.value.body)
    assert body["kind"] == "Status"
    assert body["apiVersion"] == "v1"
    assert body["status"] == "Failure"
    assert body["code"] == caught.value.status
    return body


def test_not_found(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.read_namespaced_config_map("missing", ns)
    assert caught.value.status == 404
    assert caught.value.reason == "Not Found"
    body = status_of(caught)
    assert body["reason"] == "NotFound"
    assert body["message"] == 'configmaps "missing" not found'
    assert body["details"] == {"name": "missing", "kind": "configmaps"}
    assert caught.value.headers["Content-Type"] == "application/json"


def test_already_exists(core, ns):
    name = unique("cm")
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name)))
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name)))
    assert caught.value.status == 409
    body = status_of(caught)
    assert body["reason"] == "AlreadyExists"
    assert body["message"] == f'configmaps "{name}" already exists'


def test_conflict_on_stale_resource_version(core, ns):
    name = unique("cm")
    created = core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name)))
    core.patch_namespaced_config_map(name, ns, {"data": {"a": "1"}})
    created.data = {"b": "2"}
    with pytest.raises(client.ApiException) as caught:
        core.replace_namespaced_config_map(name, ns, created)
    assert caught.value.status == 409
    body = status_of(caught)
    assert body["reason"] == "Conflict"
    assert body["message"] == (
        f'Operation cannot be fulfilled on configmaps "{name}": the object has been modified; '
        "please apply your changes to the latest version and try again"
    )


def test_invalid_name(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta("Bad_Name")))
    assert caught.value.status == 422
    body = status_of(caught)
    assert body["reason"] == "Invalid"
    assert body["details"]["causes"][0]["field"] == "metadata.name"
    assert body["details"]["causes"][0]["reason"] == "FieldValueInvalid"
    assert body["message"].startswith('ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value')


def test_invalid_label(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_config_map(
            ns, client.V1ConfigMap(metadata=meta(unique("cm"), labels={"bad key!": "v"}))
        )
    assert caught.value.status == 422
    body = status_of(caught)
    assert body["details"]["causes"][0]["field"] == "metadata.labels"


def test_name_mismatch(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.replace_namespaced_config_map(
            "one", ns, client.V1ConfigMap(metadata=meta("other"))
        )
    assert caught.value.status == 400
    body = status_of(caught)
    assert body["reason"] == "BadRequest"
    assert body["message"] == "the name of the object (other) does not match the name on the URL (one)"


def test_bad_label_selector(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.list_namespaced_config_map(ns, label_selector="a in (")
    assert caught.value.status == 400
    body = status_of(caught)
    assert body["reason"] == "BadRequest"


def test_bad_field_selector(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.list_namespaced_pod(ns, field_selector="spec.unknownField=x")
    assert caught.value.status == 400
    body = status_of(caught)
    assert body["message"] == (
        'field label not supported: spec.unknownField'
    )


def test_unknown_propagation_policy(core, ns):
    name = unique("cm")
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name)))
    with pytest.raises(client.ApiException) as caught:
        core.delete_namespaced_config_map(name, ns, propagation_policy="Sometimes")
    assert caught.value.status == 422
    body = status_of(caught)
    assert body["reason"] == "Invalid"
    assert body["details"]["causes"][0]["field"] == "propagationPolicy"


def test_resource_version_match_without_version(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.list_namespaced_config_map(ns, resource_version_match="NotOlderThan")
    assert caught.value.status == 422
    body = status_of(caught)
    assert body["details"]["causes"][0]["field"] == "resourceVersionMatch"


def test_precondition_uid(core, ns):
    name = unique("cm")
    created = core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name)))
    with pytest.raises(client.ApiException) as caught:
        core.delete_namespaced_config_map(
            name, ns, body=client.V1DeleteOptions(preconditions=client.V1Preconditions(uid="nope"))
        )
    assert caught.value.status == 409
    body = status_of(caught)
    assert body["reason"] == "Conflict"
    assert body["message"] == (
        f'Operation cannot be fulfilled on ConfigMap "{name}": the UID in the precondition (nope) '
        f"does not match the UID in record ({created.metadata.uid}). "
        "The object might have been deleted and then recreated"
    )


def test_too_large_configmap(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_config_map(
            ns, client.V1ConfigMap(metadata=meta(unique("big")), data={"k": "x" * (1024 * 1024 + 1)})
        )
    assert caught.value.status == 422
    body = status_of(caught)
    assert body["details"]["causes"] == [
        {"reason": "FieldValueTooLong", "message": "Too long: may not be more than 1048576 bytes", "field": "[]"}
    ]
