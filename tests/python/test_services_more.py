"""More Service shapes, Ingress, HPA and PDB as clients create them."""
import json

import pytest
from kubernetes import client

from conftest import meta, unique


def test_headless_and_external_name(core, ns):
    headless = core.create_namespaced_service(ns, client.V1Service(
        metadata=meta(unique("headless")),
        spec=client.V1ServiceSpec(cluster_ip="None", selector={"app": "x"}, ports=[client.V1ServicePort(port=80)]),
    ))
    assert headless.spec.cluster_ip == "None"
    assert headless.spec.cluster_ips == ["None"]
    assert headless.spec.ip_family_policy == "RequireDualStack" or headless.spec.ip_family_policy == "SingleStack"
    external = core.create_namespaced_service(ns, client.V1Service(
        metadata=meta(unique("external")),
        spec=client.V1ServiceSpec(type="ExternalName", external_name="example.com"),
    ))
    assert external.spec.cluster_ip is None
    assert external.spec.ip_families is None
    assert external.spec.session_affinity == "None"


def test_load_balancer_service(core, ns):
    service = core.create_namespaced_service(ns, client.V1Service(
        metadata=meta(unique("lb")),
        spec=client.V1ServiceSpec(type="LoadBalancer", ports=[client.V1ServicePort(port=443, target_port="https")]),
    ))
    assert service.spec.allocate_load_balancer_node_ports is True
    assert 30000 <= service.spec.ports[0].node_port <= 32767
    assert service.spec.ports[0].target_port == "https"
    assert service.spec.external_traffic_policy == "Cluster"
    assert service.status.load_balancer.ingress is None
    patched = core.patch_namespaced_service_status(
        service.metadata.name, ns, {"status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.10"}]}}}
    )
    assert patched.status.load_balancer.ingress[0].ip == "192.0.2.10"


def test_service_unknown_type(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_service(ns, client.V1Service(
            metadata=meta(unique("odd")),
            spec=client.V1ServiceSpec(type="Sometimes", ports=[client.V1ServicePort(port=80)]),
        ))
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["details"]["causes"][0] == {
        "reason": "FieldValueNotSupported",
        "message": 'Unsupported value: "Sometimes": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
        "field": "spec.type",
    }


def test_ingress(api_client, ns):
    networking = client.NetworkingV1Api(api_client)
    backend = client.V1IngressBackend(service=client.V1IngressServiceBackend(
        name="web", port=client.V1ServiceBackendPort(number=80)
    ))
    created = networking.create_namespaced_ingress(ns, client.V1Ingress(
        metadata=meta(unique("ing")),
        spec=client.V1IngressSpec(rules=[client.V1IngressRule(
            host="example.com",
            http=client.V1HTTPIngressRuleValue(paths=[client.V1HTTPIngressPath(path="/", path_type="Prefix", backend=backend)]),
        )]),
    ))
    assert created.spec.rules[0].http.paths[0].path_type == "Prefix"
    with pytest.raises(client.ApiException) as caught:
        networking.create_namespaced_ingress(ns, client.V1Ingress(
            metadata=meta(unique("ing")),
            spec=client.V1IngressSpec(rules=[client.V1IngressRule(
                http=client.V1HTTPIngressRuleValue(paths=[client.V1HTTPIngressPath(path="/", path_type="Sometimes", backend=backend)]),
            )]),
        ))
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["details"]["causes"][0]["field"] == "spec.rules[0].http.paths[0].pathType"


def test_hpa_v2_defaults(api_client, ns):
    autoscaling = client.AutoscalingV2Api(api_client)
    hpa = autoscaling.create_namespaced_horizontal_pod_autoscaler(ns, client.V2HorizontalPodAutoscaler(
        metadata=meta(unique("hpa")),
        spec=client.V2HorizontalPodAutoscalerSpec(
            max_replicas=5,
            scale_target_ref=client.V2CrossVersionObjectReference(api_version="apps/v1", kind="Deployment", name="web"),
        ),
    ))
    assert hpa.spec.min_replicas == 1
    assert hpa.spec.metrics[0].resource.name == "cpu"
    assert hpa.spec.metrics[0].resource.target.average_utilization == 80
    # behavior is defaulted only when given.
    assert hpa.spec.behavior is None


def test_pdb(api_client, ns):
    policy = client.PolicyV1Api(api_client)
    pdb = policy.create_namespaced_pod_disruption_budget(ns, client.V1PodDisruptionBudget(
        metadata=meta(unique("pdb")),
        spec=client.V1PodDisruptionBudgetSpec(min_available=1, selector=client.V1LabelSelector(match_labels={"app": "x"})),
    ))
    assert pdb.spec.min_available == 1
    with pytest.raises(client.ApiException) as caught:
        policy.create_namespaced_pod_disruption_budget(ns, client.V1PodDisruptionBudget(
            metadata=meta(unique("pdb")),
            spec=client.V1PodDisruptionBudgetSpec(min_available=1, max_unavailable=1),
        ))
    assert caught.value.status == 422
    assert "minAvailable and maxUnavailable cannot be both set" in caught.value.body


def test_token_request_too_short(core, ns):
    with pytest.raises(client.ApiException) as caught:
        core.create_namespaced_service_account_token("default", ns, client.AuthenticationV1TokenRequest(
            spec=client.V1TokenRequestSpec(audiences=[], expiration_seconds=60)
        ))
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["details"]["causes"][0]["field"] == "spec.expirationSeconds"
    assert body["details"]["causes"][0]["message"] == "Invalid value: 60: may not specify a duration less than 10 minutes"


def test_pod_field_selectors(core, ns):
    name = unique("fs")
    core.create_namespaced_pod(ns, client.V1Pod(
        metadata=meta(name),
        spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="nginx:1.27")]),
    ))
    pending = core.list_namespaced_pod(ns, field_selector="status.phase=Pending,spec.nodeName=")
    assert name in [pod.metadata.name for pod in pending.items]
    running = core.list_namespaced_pod(ns, field_selector="status.phase=Running")
    assert name not in [pod.metadata.name for pod in running.items]


def test_table_output(api_client, ns):
    core = client.CoreV1Api(api_client)
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=meta(unique("tab")), data={"a": "1"}))
    response = core.list_namespaced_config_map(
        ns, _preload_content=False,
        _headers={"Accept": "application/json;as=Table;v=v1;g=meta.k8s.io"},
    )
    table = json.loads(response.read())
    assert table["kind"] == "Table"
    assert [column["name"] for column in table["columnDefinitions"]] == ["Name", "Data", "Age"]
