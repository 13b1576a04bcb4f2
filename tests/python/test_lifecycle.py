"""Deletion, finalizers, immutability and what watches see of them."""
import json
import threading
import time

import pytest
from kubernetes import client, watch

from conftest import meta, unique


def pod_body(name, **spec):
    return client.V1Pod(
        metadata=meta(name),
        spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="nginx:1.27")], **spec),
    )


def test_finalizer_holds_deletion(core, ns):
    name = unique("held")
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name, finalizers=["example.com/hold"])))
    answer = core.delete_namespaced_config_map(name, ns)
    # The object is still there, being deleted: the answer is the object, not a Status.
    assert answer["kind"] == "ConfigMap"
    assert answer["metadata"]["deletionTimestamp"]
    assert answer["metadata"]["deletionGracePeriodSeconds"] == 0
    held = core.read_namespaced_config_map(name, ns)
    assert held.metadata.finalizers == ["example.com/hold"]
    core.patch_namespaced_config_map(name, ns, {"metadata": {"finalizers": None}})
    with pytest.raises(client.ApiException) as caught:
        core.read_namespaced_config_map(name, ns)
    assert caught.value.status == 404


def test_bound_pod_deletes_gracefully(core, ns):
    name = unique("graceful")
    core.create_namespaced_pod(ns, pod_body(name, node_name="nowhere"))
    answer = core.delete_namespaced_pod(name, ns)
    assert answer.kind == "Pod"
    assert answer.metadata.deletion_grace_period_seconds == 30
    # No kubelet confirms: the pod stays until forced.
    assert core.read_namespaced_pod(name, ns).metadata.deletion_timestamp is not None
    forced = core.delete_namespaced_pod(name, ns, grace_period_seconds=0)
    assert forced.kind == "Pod"
    with pytest.raises(client.ApiException) as caught:
        core.read_namespaced_pod(name, ns)
    assert caught.value.status == 404


def test_unbound_pod_deletes_at_once(core, ns):
    name = unique("pending")
    core.create_namespaced_pod(ns, pod_body(name))
    answer = core.delete_namespaced_pod(name, ns)
    assert answer.kind == "Pod"
    with pytest.raises(client.ApiException) as caught:
        core.read_namespaced_pod(name, ns)
    assert caught.value.status == 404


def test_immutable_configmap(core, ns):
    name = unique("frozen")
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name), data={"a": "1"}, immutable=True))
    with pytest.raises(client.ApiException) as caught:
        core.patch_namespaced_config_map(name, ns, {"data": {"a": "2"}})
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["details"]["causes"] == [{
        "reason": "FieldValueForbidden",
        "message": "Forbidden: field is immutable when `immutable` is set",
        "field": "data",
    }]


def test_secret_type_is_immutable(core, ns):
    name = unique("typed")
    core.create_namespaced_secret(ns, client.V1Secret(metadata=meta(name), type="example.com/one"))
    with pytest.raises(client.ApiException) as caught:
        core.patch_namespaced_secret(name, ns, {"type": "example.com/two"})
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["details"]["causes"][0]["field"] == "type"
    assert body["details"]["causes"][0]["message"] == 'Invalid value: "example.com/two": field is immutable'


def test_watch_sees_label_change_out_of_selector(core, ns):
    name = unique("leaving")
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name, labels={"watched": "yes"})))
    start = core.list_namespaced_config_map(ns).metadata.resource_version

    def relabel():
        time.sleep(0.3)
        core.patch_namespaced_config_map(name, ns, {"metadata": {"labels": {"watched": "no"}}})

    thread = threading.Thread(target=relabel)
    thread.start()
    stream = watch.Watch()
    events = []
    for event in stream.stream(
        core.list_namespaced_config_map, ns, label_selector="watched=yes",
        resource_version=start, timeout_seconds=5,
    ):
        events.append((event["type"], event["object"].metadata.labels))
        stream.stop()
    thread.join()
    # Leaving the selector is a DELETED event carrying the last state that matched.
    assert events == [("DELETED", {"watched": "yes"})]


def test_watch_single_object(core, ns):
    name = unique("single")
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name)))
    stream = watch.Watch()
    seen = []
    for event in stream.stream(
        core.list_namespaced_config_map, ns, field_selector=f"metadata.name={name}", timeout_seconds=5
    ):
        seen.append((event["type"], event["object"].metadata.name))
        stream.stop()
    assert seen == [("ADDED", name)]


def test_watch_list_initial_events(core, ns):
    names = sorted(unique("initial") for _ in range(3))
    for name in names:
        core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(name, labels={"initial": "yes"})))
    response = core.list_namespaced_config_map(
        ns, watch=True, label_selector="initial=yes", send_initial_events=True,
        resource_version_match="NotOlderThan", allow_watch_bookmarks=True, timeout_seconds=2,
        _preload_content=False,
    )
    events = [json.loads(line) for line in response.read().decode().splitlines() if line]
    kinds = [event["type"] for event in events]
    assert kinds[:3] == ["ADDED", "ADDED", "ADDED"]
    assert sorted(event["object"]["metadata"]["name"] for event in events[:3]) == names
    bookmark = events[3]
    assert bookmark["type"] == "BOOKMARK"
    assert bookmark["object"]["metadata"]["annotations"] == {"k8s.io/initial-events-end": "true"}
    assert bookmark["object"]["kind"] == "ConfigMap"
