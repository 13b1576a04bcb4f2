"""RBAC objects and the review APIs a client asks about itself."""
import json

import pytest
from kubernetes import client

from conftest import meta, unique


def test_self_subject_access_review(api_client):
    review = client.AuthorizationV1Api(api_client).create_self_subject_access_review(
        client.V1SelfSubjectAccessReview(
            spec=client.V1SelfSubjectAccessReviewSpec(
                resource_attributes=client.V1ResourceAttributes(verb="create", resource="pods", namespace="default")
            )
        )
    )
    assert review.status.allowed is True


def test_subject_access_review(api_client, ns):
    rbac = client.RbacAuthorizationV1Api(api_client)
    rbac.create_namespaced_role(ns, client.V1Role(
        metadata=meta("reader"),
        rules=[client.V1PolicyRule(api_groups=[""], resources=["configmaps"], verbs=["get", "list"])],
    ))
    rbac.create_namespaced_role_binding(ns, client.V1RoleBinding(
        metadata=meta("reader"),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="Role", name="reader"),
        subjects=[client.RbacV1Subject(kind="User", name="jane", api_group="rbac.authorization.k8s.io")],
    ))
    authz = client.AuthorizationV1Api(api_client)

    def can(verb):
        return authz.create_subject_access_review(client.V1SubjectAccessReview(
            spec=client.V1SubjectAccessReviewSpec(
                user="jane",
                resource_attributes=client.V1ResourceAttributes(verb=verb, resource="configmaps", namespace=ns),
            )
        )).status

    allowed = can("get")
    assert allowed.allowed is True
    assert allowed.reason == f'RBAC: allowed by RoleBinding "reader/{ns}" of Role "reader" to User "jane"'
    denied = can("delete")
    assert denied.allowed is False
    assert denied.reason is None


def test_role_binding_role_ref_is_immutable(api_client, ns):
    rbac = client.RbacAuthorizationV1Api(api_client)
    name = unique("rb")
    binding = rbac.create_namespaced_role_binding(ns, client.V1RoleBinding(
        metadata=meta(name),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="view"),
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name="default", namespace=ns)],
    ))
    binding.role_ref.name = "edit"
    with pytest.raises(client.ApiException) as caught:
        rbac.replace_namespaced_role_binding(name, ns, binding)
    assert caught.value.status == 422
    body = json.loads(caught.value.body)
    assert body["details"]["causes"][0]["field"] == "roleRef"
    assert body["details"]["causes"][0]["message"] == (
        'Invalid value: {"APIGroup":"rbac.authorization.k8s.io","Kind":"ClusterRole","Name":"edit"}: '
        "cannot change roleRef"
    )


def test_cluster_roles_are_bootstrapped(api_client):
    rbac = client.RbacAuthorizationV1Api(api_client)
    admin = rbac.read_cluster_role("cluster-admin")
    assert admin.rules[0].verbs == ["*"]
    assert admin.metadata.labels["kubernetes.io/bootstrapping"] == "rbac-defaults"
    view = rbac.read_cluster_role("view")
    assert view.aggregation_rule.cluster_role_selectors[0].match_labels == {
        "rbac.authorization.k8s.io/aggregate-to-view": "true"
    }


def test_self_subject_review(api_client):
    review = client.AuthenticationV1Api(api_client).create_self_subject_review(
        client.V1SelfSubjectReview()
    )
    assert review.status.user_info.username == "kubernetes-admin" or review.status.user_info.username
    assert "system:authenticated" in review.status.user_info.groups


def test_token_review(api_client, core, ns):
    token = core.create_namespaced_service_account_token(
        "default", ns, client.AuthenticationV1TokenRequest(spec=client.V1TokenRequestSpec(audiences=[]))
    ).status.token
    review = client.AuthenticationV1Api(api_client).create_token_review(
        client.V1TokenReview(spec=client.V1TokenReviewSpec(token=token))
    )
    assert review.status.authenticated is True
    assert review.status.user.username == f"system:serviceaccount:{ns}:default"
    assert review.status.audiences == ["https://kubernetes.default.svc.cluster.local"]
    bad = client.AuthenticationV1Api(api_client).create_token_review(
        client.V1TokenReview(spec=client.V1TokenReviewSpec(token="not-a-token"))
    )
    assert bad.status.authenticated is not True
