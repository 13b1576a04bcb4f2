"""Logs, exec, attach and port-forward through the client's stream module, on pods no kubelet runs
(kube-apiserver answers before it would dial a kubelet)."""
import ast
import json

import pytest
from kubernetes import client
from kubernetes.stream import portforward, stream

from conftest import meta, unique


def handshake(caught):
    """The status, headers and Status body of a refused WebSocket upgrade, which the client
    reports as ApiException(status=0) with all three in its reason."""
    assert caught.value.status == 0
    line, headers, body = caught.value.reason.split(" -+-+- ")
    assert line.startswith("Handshake status ")
    headers = ast.literal_eval(headers)
    assert headers["content-type"] == "application/json"
    assert headers["cache-control"] == "no-cache, private"
    assert "audit-id" in headers
    assert body.endswith("}\n")
    return int(line.split()[2]), json.loads(body)


@pytest.fixture(scope="module")
def pending_pod(core, ns):
    name = unique("pod")
    core.create_namespaced_pod(
        ns,
        client.V1Pod(
            metadata=meta(name),
            spec=client.V1PodSpec(
                containers=[
                    client.V1Container(name="a", image="nginx:1.27"),
                    client.V1Container(name="b", image="busybox:1.36"),
                ]
            ),
        ),
    )
    return name


def STATUS_400(pod):
    return {
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": f"pod {pod} does not have a host assigned", "reason": "BadRequest", "code": 400,
    }


def test_logs_need_container_name(core, ns, pending_pod):
    with pytest.raises(client.ApiException) as caught:
        core.read_namespaced_pod_log(pending_pod, ns)
    assert caught.value.status == 400
    assert (
        f"a container name must be specified for pod {pending_pod}, choose one of: [a b]"
        in caught.value.body
    )


def test_logs_unknown_container(core, ns, pending_pod):
    with pytest.raises(client.ApiException) as caught:
        core.read_namespaced_pod_log(pending_pod, ns, container="zzz")
    assert caught.value.status == 400
    assert f"container zzz is not valid for pod {pending_pod}" in caught.value.body


def test_logs_of_unscheduled_pod_are_empty(core, ns, pending_pod):
    response = core.read_namespaced_pod_log(pending_pod, ns, container="a", _preload_content=False)
    # kube-apiserver streams nothing from no node: 204 No Content.
    assert response.status == 204
    assert response.read() == b""


def test_logs_of_missing_pod(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.read_namespaced_pod_log("missing", ns)
    assert caught.value.status == 404
    assert json.loads(caught.value.body)["message"] == 'pods "missing" not found'
    assert 'pods \\"missing\\" not found' in caught.value.body


def test_exec_on_unscheduled_pod(core, ns, pending_pod):
    with pytest.raises(client.ApiException) as caught:
        stream(
            core.connect_get_namespaced_pod_exec, pending_pod, ns, container="a",
            command=["true"], stderr=True, stdin=False, stdout=True, tty=False,
        )
    assert handshake(caught) == (400, STATUS_400(pending_pod))


def test_exec_on_missing_pod(core, ns):
    with pytest.raises(client.ApiException) as caught:
        stream(
            core.connect_get_namespaced_pod_exec, "missing", ns,
            command=["true"], stderr=True, stdin=False, stdout=True, tty=False,
        )
    assert handshake(caught) == (404, {
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": 'pods "missing" not found', "reason": "NotFound",
        "details": {"name": "missing", "kind": "pods"}, "code": 404,
    })


def test_attach_on_unscheduled_pod(core, ns, pending_pod):
    with pytest.raises(client.ApiException) as caught:
        stream(
            core.connect_get_namespaced_pod_attach, pending_pod, ns, container="a",
            stderr=True, stdin=False, stdout=True, tty=False,
        )
    assert handshake(caught) == (400, STATUS_400(pending_pod))


def test_port_forward_on_unscheduled_pod(core, ns, pending_pod):
    with pytest.raises(client.ApiException) as caught:
        portforward(core.connect_get_namespaced_pod_portforward, pending_pod, ns, ports="80")
    assert handshake(caught) == (400, STATUS_400(pending_pod))
