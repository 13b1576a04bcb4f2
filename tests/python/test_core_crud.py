"""Create, read, replace, patch and delete of core kinds, with the defaults the server fills in."""
import base64

import pytest
from kubernetes import client

from conftest import meta, unique


def test_configmap_crud(core, ns):
    name = unique("cm")
    created = core.create_namespaced_config_map(
        ns, client.V1ConfigMap(metadata=meta(name, labels={"app": "py"}), data={"a": "1"})
    )
    assert created.metadata.uid
    assert created.metadata.resource_version
    assert created.metadata.creation_timestamp is not None
    assert created.metadata.managed_fields[0].manager
    read = core.read_namespaced_config_map(name, ns)
    assert read.data == {"a": "1"}
    read.data["b"] = "2"
    replaced = core.replace_namespaced_config_map(name, ns, read)
    assert replaced.data == {"a": "1", "b": "2"}
    assert int(replaced.metadata.resource_version) > int(created.metadata.resource_version)
    deleted = core.delete_namespaced_config_map(name, ns)
    # The generated client answers a delete's V1Status as a plain dict.
    assert deleted["kind"] == "Status"
    assert deleted["status"] == "Success"
    assert deleted["details"] == {"name": name, "kind": "configmaps", "uid": created.metadata.uid}
    with pytest.raises(client.ApiException) as caught:
        core.read_namespaced_config_map(name, ns)
    assert caught.value.status == 404


def test_secret_string_data_and_type(core, ns):
    name = unique("secret")
    created = core.create_namespaced_secret(
        ns, client.V1Secret(metadata=meta(name), string_data={"password": "hunter2"})
    )
    assert created.type == "Opaque"
    assert created.string_data is None
    assert base64.b64decode(created.data["password"]) == b"hunter2"


def test_tls_secret_needs_keys(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_secret(
            ns, client.V1Secret(metadata=meta(unique("tls")), type="kubernetes.io/tls", data={})
        )
    assert caught.value.status == 422


def test_service_defaults(core, ns):
    service = core.create_namespaced_service(
        ns,
        client.V1Service(
            metadata=meta(unique("svc")),
            spec=client.V1ServiceSpec(
                selector={"app": "py"}, ports=[client.V1ServicePort(port=80)]
            ),
        ),
    )
    spec = service.spec
    assert spec.type == "ClusterIP"
    assert spec.cluster_ip and spec.cluster_ip.startswith("10.")
    assert spec.cluster_ips == [spec.cluster_ip]
    assert spec.ip_families == ["IPv4"]
    assert spec.ip_family_policy == "SingleStack"
    assert spec.session_affinity == "None"
    assert spec.internal_traffic_policy == "Cluster"
    assert spec.ports[0].protocol == "TCP"
    assert spec.ports[0].target_port == 80


def test_nodeport_service(core, ns):
    service = core.create_namespaced_service(
        ns,
        client.V1Service(
            metadata=meta(unique("np")),
            spec=client.V1ServiceSpec(type="NodePort", ports=[client.V1ServicePort(port=80)]),
        ),
    )
    port = service.spec.ports[0].node_port
    assert 30000 <= port <= 32767
    assert service.spec.external_traffic_policy == "Cluster"
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_service(
            ns,
            client.V1Service(
                metadata=meta(unique("np")),
                spec=client.V1ServiceSpec(
                    type="NodePort", ports=[client.V1ServicePort(port=80, node_port=port)]
                ),
            ),
        )
    assert caught.value.status == 422
    assert "provided port is already allocated" in caught.value.body


def pod_body(name, image="nginx:1.27", **spec):
    return client.V1Pod(
        metadata=meta(name, labels={"app": "py"}),
        spec=client.V1PodSpec(containers=[client.V1Container(name="c", image=image)], **spec),
    )


def test_pod_defaults(core, ns):
    pod = core.create_namespaced_pod(ns, pod_body(unique("pod")))
    spec = pod.spec
    assert spec.restart_policy == "Always"
    assert spec.dns_policy == "ClusterFirst"
    assert spec.scheduler_name == "default-scheduler"
    assert spec.termination_grace_period_seconds == 30
    assert spec.enable_service_links is True
    assert spec.service_account_name == "default"
    assert spec.priority == 0
    container = spec.containers[0]
    assert container.image_pull_policy == "IfNotPresent"
    assert container.termination_message_path == "/dev/termination-log"
    assert container.termination_message_policy == "File"
    assert container.volume_mounts[0].mount_path == "/var/run/secrets/kubernetes.io/serviceaccount"
    assert spec.volumes[0].name.startswith("kube-api-access-")
    assert {(t.key, t.effect) for t in spec.tolerations} == {
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
    }
    assert pod.status.phase == "Pending"
    assert pod.status.qos_class == "BestEffort"


def test_pod_latest_image_pulls_always(core, ns):
    pod = core.create_namespaced_pod(ns, pod_body(unique("pod"), image="busybox"))
    assert pod.spec.containers[0].image_pull_policy == "Always"


def test_pod_needs_image(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_pod(ns, pod_body(unique("pod"), image=None))
    assert caught.value.status == 422
    assert caught.value.reason == "Unprocessable Entity"
    assert "spec.containers[0].image: Required value" in caught.value.body


def test_pod_spec_is_immutable(core, ns):
    name = unique("pod")
    core.create_namespaced_pod(ns, pod_body(name))
    with pytest.raises(client.ApiException) as caught:
        core.patch_namespaced_pod(name, ns, {"spec": {"restartPolicy": "Never"}})
    assert caught.value.status == 422
    assert "pod updates may not change fields other than" in caught.value.body


def test_namespace_delete_is_terminating(core):
    name = unique("py-ns")
    created = core.create_namespace(client.V1Namespace(metadata=meta(name)))
    assert created.status.phase == "Active"
    assert created.spec.finalizers == ["kubernetes"]
    assert created.metadata.labels == {"kubernetes.io/metadata.name": name}
    deleted = core.delete_namespace(name)
    assert deleted["kind"] == "Namespace"
    assert deleted["status"]["phase"] == "Terminating"
    assert deleted["metadata"]["deletionTimestamp"]


def test_service_account_and_token(core, ns):
    name = unique("sa")
    core.create_namespaced_service_account(ns, client.V1ServiceAccount(metadata=meta(name)))
    token = core.create_namespaced_service_account_token(
        name, ns, client.AuthenticationV1TokenRequest(spec=client.V1TokenRequestSpec(audiences=[]))
    )
    assert token.status.token.count(".") == 2
    assert token.status.expiration_timestamp is not None
    assert token.spec.expiration_seconds == 3600


def test_create_in_missing_namespace(core):
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_config_map(
            "no-such-ns-py", client.V1ConfigMap(metadata=meta("x"))
        )
    assert caught.value.status == 404
    assert 'namespaces \\"no-such-ns-py\\" not found' in caught.value.body


def test_events(core, ns):
    event = core.create_namespaced_event(
        ns,
        client.CoreV1Event(
            metadata=meta(unique("ev")),
            involved_object=client.V1ObjectReference(kind="Pod", name="x", namespace=ns),
            reason="Tested",
            message="from python",
            type="Normal",
        ),
    )
    assert event.reason == "Tested"
    listed = core.list_namespaced_event(ns, field_selector="reason=Tested")
    assert [item.metadata.name for item in listed.items] == [event.metadata.name]
