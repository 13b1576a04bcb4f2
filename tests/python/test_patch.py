"""The patch types the Python client sends: strategic merge (its default for dicts), merge, JSON
patch (for lists) and server-side apply."""
import json

import pytest
from kubernetes import client, utils
from kubernetes.dynamic import DynamicClient

from conftest import meta, unique


def pod(name):
    return client.V1Pod(
        metadata=meta(name),
        spec=client.V1PodSpec(
            containers=[
                client.V1Container(name="a", image="nginx:1.27"),
                client.V1Container(name="b", image="busybox:1.36"),
            ]
        ),
    )


def test_strategic_merge_keeps_list_items(core, ns):
    name = unique("pod")
    core.create_namespaced_pod(ns, pod(name))
    patched = core.patch_namespaced_pod(
        name, ns, {"spec": {"containers": [{"name": "b", "image": "busybox:1.37"}]}}
    )
    assert [(c.name, c.image) for c in patched.spec.containers] == [
        ("a", "nginx:1.27"),
        ("b", "busybox:1.37"),
    ]


def test_strategic_merge_delete_directive(core, ns):
    name = unique("cm")
    core.create_namespaced_config_map(
        ns, client.V1ConfigMap(metadata=meta(name, labels={"a": "1", "b": "2"}))
    )
    patched = core.patch_namespaced_config_map(
        name, ns, {"metadata": {"labels": {"a": None}}}
    )
    assert patched.metadata.labels == {"b": "2"}


def test_json_patch(core, ns):
    name = unique("cm")
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name), data={"a": "1"}))
    patched = core.patch_namespaced_config_map(
        name, ns, [{"op": "add", "path": "/data/b", "value": "2"}, {"op": "remove", "path": "/data/a"}]
    )
    assert patched.data == {"b": "2"}


def test_json_patch_test_failure(core, ns):
    name = unique("cm")
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name), data={"a": "1"}))
    with pytest.raises(client.ApiException) as caught:
        core.patch_namespaced_config_map(
            name, ns, [{"op": "test", "path": "/data/a", "value": "2"}]
        )
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["reason"] == "Invalid"
    assert body["message"] == "the server rejected our request due to an error in our request"


def test_merge_patch_via_content_type(core, ns):
    name = unique("pod")
    core.create_namespaced_pod(ns, pod(name))
    # A JSON merge patch replaces the whole list, which a pod update may not do.
    with pytest.raises(client.ApiException) as caught:
        core.patch_namespaced_pod(
            name,
            ns,
            {"spec": {"containers": [{"name": "a", "image": "nginx:1.28"}]}},
            _content_type="application/merge-patch+json",
        )
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["message"] == (
        f'Pod "{name}" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers'
    )
    assert body["details"]["causes"] == [{
        "reason": "FieldValueForbidden",
        "message": "Forbidden: pod updates may not add or remove containers",
        "field": "spec.containers",
    }]


def test_server_side_apply(api_client, ns):
    dynamic = DynamicClient(api_client)
    configmaps = dynamic.resources.get(api_version="v1", kind="ConfigMap")
    name = unique("applied")
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": ns},
            "data": {"a": "1"}}
    applied = configmaps.server_side_apply(body=body, field_manager="py-one")
    assert applied.data.a == "1"
    managers = [(entry.manager, entry.operation) for entry in applied.metadata.managedFields]
    assert managers == [("py-one", "Apply")]
    body["data"] = {"a": "2"}
    with pytest.raises(client.ApiException) as caught:
        configmaps.server_side_apply(body=body, field_manager="py-two")
    assert caught.value.status == 409
    conflict = json.loads(caught.value.body)
    assert conflict["reason"] == "Conflict"
    assert conflict["details"]["causes"][0]["field"] == ".data.a"
    assert conflict["message"] == 'Apply failed with 1 conflict: conflict with "py-one": .data.a'
    forced = configmaps.server_side_apply(body=body, field_manager="py-two", force_conflicts=True)
    assert forced.data.a == "2"


def test_dynamic_crud(api_client, ns):
    dynamic = DynamicClient(api_client)
    secrets = dynamic.resources.get(api_version="v1", kind="Secret")
    name = unique("dyn")
    created = secrets.create(
        body={"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name}, "stringData": {"k": "v"}},
        namespace=ns,
    )
    assert created.data.k == "dg=="
    listed = secrets.get(namespace=ns, field_selector=f"metadata.name={name}")
    assert [item.metadata.name for item in listed.items] == [name]
    patched = secrets.patch(
        name=name, namespace=ns, body={"metadata": {"labels": {"x": "y"}}},
        content_type="application/merge-patch+json",
    )
    assert patched.metadata.labels.x == "y"
    secrets.delete(name=name, namespace=ns)
    with pytest.raises(Exception) as caught:
        secrets.get(name=name, namespace=ns)
    assert caught.value.status == 404


def test_create_from_yaml(api_client, ns, tmp_path):
    manifest = tmp_path / "objects.yaml"
    manifest.write_text(
        f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: from-yaml
  namespace: {ns}
data:
  a: "1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: from-yaml
  namespace: {ns}
spec:
  selector:
    matchLabels: {{app: y}}
  template:
    metadata:
      labels: {{app: y}}
    spec:
      containers: [{{name: c, image: nginx:1.27}}]
"""
    )
    created = utils.create_from_yaml(api_client, str(manifest))
    kinds = sorted(item.kind for group in created for item in group)
    assert kinds == ["ConfigMap", "Deployment"]


def test_add_finalizer_while_deleting_is_invalid(core, ns):
    name = unique("cm")
    core.create_namespaced_config_map(
        ns, client.V1ConfigMap(metadata=meta(name, finalizers=["example.com/hold"]))
    )
    core.delete_namespaced_config_map(name, ns)
    with pytest.raises(client.ApiException) as caught:
        core.patch_namespaced_config_map(
            name, ns,
            [{"op": "add", "path": "/metadata/finalizers/-", "value": "example.com/more"}],
        )
    assert caught.value.status == 422
    assert "no new finalizers can be added if the object is being deleted" in caught.value.body
    core.patch_namespaced_config_map(name, ns, [{"op": "remove", "path": "/metadata/finalizers"}])
