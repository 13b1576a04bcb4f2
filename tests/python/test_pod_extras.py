"""What `kubectl debug`-like tools and operators call on pods besides CRUD."""
import json

import pytest
from kubernetes import client

from conftest import meta, unique


def pod(name):
    return client.V1Pod(
        metadata=meta(name),
        spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="nginx:1.27")]),
    )


def test_ephemeral_container(core, ns):
    name = unique("debugged")
    core.create_namespaced_pod(ns, pod(name))
    patched = core.patch_namespaced_pod_ephemeralcontainers(name, ns, {"spec": {"ephemeralContainers": [
        {"name": "debugger", "image": "busybox:1.36", "targetContainerName": "c", "stdin": True, "tty": True}
    ]}})
    debugger = patched.spec.ephemeral_containers[0]
    assert debugger.name == "debugger"
    assert debugger.image_pull_policy == "IfNotPresent"
    assert debugger.termination_message_policy == "File"
    with pytest.raises(client.ApiException) as caught:
        core.patch_namespaced_pod_ephemeralcontainers(name, ns, {"spec": {"ephemeralContainers": None}})
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["details"]["causes"][0]["field"] == "spec.ephemeralContainers"


def test_pod_label_patch_and_annotation(core, ns):
    name = unique("labelled")
    core.create_namespaced_pod(ns, pod(name))
    patched = core.patch_namespaced_pod(name, ns, {"metadata": {"labels": {"tier": "web"}, "annotations": {"a": "b"}}})
    assert patched.metadata.labels == {"tier": "web"}
    assert patched.metadata.annotations == {"a": "b"}
    assert patched.metadata.generation == 1


def test_pod_image_update_is_allowed(core, ns):
    name = unique("image")
    core.create_namespaced_pod(ns, pod(name))
    patched = core.patch_namespaced_pod(name, ns, {"spec": {"containers": [{"name": "c", "image": "nginx:1.28"}]}})
    assert patched.spec.containers[0].image == "nginx:1.28"
    assert patched.metadata.generation == 2


def test_pod_active_deadline_may_only_shrink(core, ns):
    name = unique("deadline")
    body = pod(name)
    body.spec.active_deadline_seconds = 100
    core.create_namespaced_pod(ns, body)
    with pytest.raises(client.ApiException) as caught:
        core.patch_namespaced_pod(name, ns, {"spec": {"activeDeadlineSeconds": 200}})
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["details"]["causes"][0]["field"] == "spec.activeDeadlineSeconds"
    shrunk = core.patch_namespaced_pod(name, ns, {"spec": {"activeDeadlineSeconds": 50}})
    assert shrunk.spec.active_deadline_seconds == 50
