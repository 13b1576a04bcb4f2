"""Version and discovery as the generated and dynamic clients read them."""
from kubernetes import client
from kubernetes.dynamic import DynamicClient


def test_version(api_client):
    info = client.VersionApi(api_client).get_code()
    assert info.git_version.startswith("v1.")
    assert info.major == "1"
    assert info.platform


def test_core_api_versions(api_client):
    versions = client.CoreApi(api_client).get_api_versions()
    assert versions.versions == ["v1"]
    assert versions.kind == "APIVersions"


def test_api_groups(api_client):
    groups = client.ApisApi(api_client).get_api_versions()
    names = {group.name: group for group in groups.groups}
    for name in ("apps", "batch", "rbac.authorization.k8s.io", "coordination.k8s.io"):
        assert name in names
    assert names["apps"].preferred_version.group_version == "apps/v1"


def test_core_v1_resources(core):
    resources = core.get_api_resources()
    assert resources.group_version == "v1"
    by_name = {resource.name: resource for resource in resources.resources}
    assert by_name["pods"].namespaced is True
    assert by_name["pods"].kind == "Pod"
    assert "po" in by_name["pods"].short_names
    assert "pods/log" in by_name
    assert "pods/exec" in by_name
    assert by_name["namespaces"].namespaced is False
    assert sorted(by_name["configmaps"].verbs) == sorted(
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
    )


def test_apps_v1_resources(apps):
    resources = apps.get_api_resources()
    by_name = {resource.name: resource for resource in resources.resources}
    assert by_name["deployments/scale"].group == "autoscaling"
    assert by_name["deployments/scale"].kind == "Scale"
    assert by_name["deployments"].categories == ["all"]


def test_group_endpoint(api_client):
    group = client.AppsApi(api_client).get_api_group()
    assert group.name == "apps"
    assert [version.version for version in group.versions] == ["v1"]


def test_dynamic_client_discovery(api_client):
    dynamic = DynamicClient(api_client)
    deployments = dynamic.resources.get(api_version="apps/v1", kind="Deployment")
    assert deployments.namespaced
    assert deployments.name == "deployments"
    leases = dynamic.resources.get(api_version="coordination.k8s.io/v1", kind="Lease")
    assert leases.name == "leases"
    scale = dynamic.resources.get(api_version="apps/v1", kind="Deployment").subresources["scale"]
    assert scale.kind == "Scale"
