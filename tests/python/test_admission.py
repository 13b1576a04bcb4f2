"""What kube-apiserver's default admission and write options do to ordinary requests."""
import json

import pytest
from kubernetes import client

from conftest import meta, unique


def pod(name, **container):
    return client.V1Pod(
        metadata=meta(name),
        spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="nginx:1.27", **container)]),
    )


def test_generate_name(core, ns):
    created = core.create_namespaced_config_map(
        ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(generate_name="gen-"))
    )
    assert created.metadata.name.startswith("gen-")
    assert len(created.metadata.name) == len("gen-") + 5
    assert created.metadata.generate_name == "gen-"


def test_dry_run_creates_nothing(core, ns):
    name = unique("dry")
    answer = core.create_namespaced_config_map(
        ns, client.V1ConfigMap(metadata=meta(name), data={"a": "1"}), dry_run="All"
    )
    assert answer.metadata.uid
    assert answer.metadata.resource_version is None
    with pytest.raises(client.ApiException) as caught:
        core.read_namespaced_config_map(name, ns)
    assert caught.value.status == 404


def test_dry_run_unknown_value(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(unique("dry"))), dry_run="Some")
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["message"] == (
        'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Some"]: supported values: "All"'
    )
    assert body["details"] == {"group": "meta.k8s.io", "kind": "CreateOptions", "causes": [{
        "reason": "FieldValueNotSupported",
        "message": 'Unsupported value: ["Some"]: supported values: "All"',
        "field": "dryRun",
    }]}


def test_limit_range_defaults(core, ns):
    core.create_namespaced_limit_range(ns, client.V1LimitRange(
        metadata=meta("defaults"),
        spec=client.V1LimitRangeSpec(limits=[client.V1LimitRangeItem(
            type="Container",
            default={"cpu": "500m", "memory": "128Mi"},
            default_request={"cpu": "100m"},
        )]),
    ))
    try:
        created = core.create_namespaced_pod(ns, pod(unique("limited")))
        resources = created.spec.containers[0].resources
        assert resources.limits == {"cpu": "500m", "memory": "128Mi"}
        assert resources.requests == {"cpu": "100m", "memory": "128Mi"}
        assert created.metadata.annotations == {
            "kubernetes.io/limit-ranger": "LimitRanger plugin set: cpu, memory request for container c; cpu, memory limit for container c"
        }
        assert created.status.qos_class == "Burstable"
    finally:
        core.delete_namespaced_limit_range("defaults", ns)


def test_delete_collection(core, ns):
    for index in range(3):
        core.create_namespaced_config_map(
            ns, client.V1ConfigMap(metadata=meta(f"batch-{index}", labels={"batch": "yes"}))
        )
    # A deletecollection answers the list of what it deleted (the client expects a Status: raw).
    answer = json.loads(core.delete_collection_namespaced_config_map(
        ns, label_selector="batch=yes", _preload_content=False
    ).read())
    assert answer["kind"] == "ConfigMapList"
    assert sorted(item["metadata"]["name"] for item in answer["items"]) == ["batch-0", "batch-1", "batch-2"]
    assert core.list_namespaced_config_map(ns, label_selector="batch=yes").items == []


def test_pod_binding(core, ns):
    name = unique("bound")
    core.create_namespaced_pod(ns, pod(name))
    # The server answers a Status the generated client would read as a Binding: read it raw.
    answer = json.loads(core.create_namespaced_pod_binding(name, ns, client.V1Binding(
        metadata=meta(name), target=client.V1ObjectReference(kind="Node", name="somewhere")
    ), _preload_content=False).read())
    assert answer["kind"] == "Status"
    assert answer["status"] == "Success"
    assert answer["code"] == 201
    assert core.read_namespaced_pod(name, ns).spec.node_name == "somewhere"
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_pod_binding(name, ns, client.V1Binding(
            metadata=meta(name), target=client.V1ObjectReference(kind="Node", name="elsewhere")
        ))
    assert caught.value.status == 409
    assert json.loads(caught.value.body)["message"] == (
        f'Operation cannot be fulfilled on pods/binding "{name}": pod {name} is already assigned to node "somewhere"'
    )


def test_eviction(core, ns):
    name = unique("evicted")
    core.create_namespaced_pod(ns, pod(name))
    answer = json.loads(core.create_namespaced_pod_eviction(
        name, ns, client.V1Eviction(metadata=meta(name)), _preload_content=False
    ).read())
    assert answer["kind"] == "Status"
    assert answer["status"] == "Success"
    with pytest.raises(client.ApiException) as caught:
        core.read_namespaced_pod(name, ns)
    assert caught.value.status == 404


def test_pod_status_patch(core, ns):
    name = unique("status")
    core.create_namespaced_pod(ns, pod(name))
    patched = core.patch_namespaced_pod_status(
        name, ns, {"status": {"conditions": [{"type": "Example", "status": "True"}]}}
    )
    assert [(c.type, c.status) for c in patched.status.conditions] == [("Example", "True")]
    assert patched.status.phase == "Pending"


def test_node_lifecycle(core):
    name = unique("py-node")
    node = core.create_node(client.V1Node(metadata=meta(name, labels={"pool": "py"})))
    # TaintNodesByCondition: a new node is not ready until its kubelet says so.
    assert [(t.key, t.effect) for t in node.spec.taints] == [("node.kubernetes.io/not-ready", "NoSchedule")]
    assert node.metadata.labels == {"pool": "py"}
    cordoned = core.patch_node(name, {"spec": {"unschedulable": True}})
    assert cordoned.spec.unschedulable is True
    tainted = core.patch_node(
        name, [{"op": "replace", "path": "/spec/taints", "value": [{"key": "k", "value": "v", "effect": "NoSchedule"}]}]
    )
    assert [(t.key, t.effect) for t in tainted.spec.taints] == [("k", "NoSchedule")]
    with pytest.raises(client.ApiException) as caught:
        core.patch_node(name, {"spec": {"taints": [{"key": "k", "effect": "Sometimes"}]}})
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    unsupported = (
        'Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'
    )
    # Node validation checks the taints twice (spec and the taints annotation path): two equal
    # causes under metadata.taints, one message.
    assert body["message"] == f'Node "{name}" is invalid: metadata.taints[0].effect: {unsupported}'
    cause = {"reason": "FieldValueNotSupported", "message": unsupported, "field": "metadata.taints[0].effect"}
    assert body["details"]["causes"] == [cause, cause]
    listed = core.list_node(label_selector="pool=py")
    assert name in [item.metadata.name for item in listed.items]
    core.delete_node(name)


def test_lease(api_client, ns):
    coordination = client.CoordinationV1Api(api_client)
    lease = coordination.create_namespaced_lease(ns, client.V1Lease(
        metadata=meta(unique("lease")),
        spec=client.V1LeaseSpec(holder_identity="py", lease_duration_seconds=15),
    ))
    assert lease.spec.holder_identity == "py"
    renewed = coordination.patch_namespaced_lease(
        lease.metadata.name, ns, {"spec": {"renewTime": "2026-01-02T03:04:05.000000Z"}}
    )
    assert renewed.spec.renew_time.year == 2026
