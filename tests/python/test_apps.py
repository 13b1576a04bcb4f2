"""apps/v1 kinds: defaults, the scale and status subresources, and selector rules."""
import pytest
from kubernetes import client

from conftest import meta, unique


def template(labels):
    return client.V1PodTemplateSpec(
        metadata=client.V1ObjectMeta(labels=labels),
        spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="nginx:1.27")]),
    )


def deployment(name, labels=None, replicas=None):
    labels = labels or {"app": name}
    return client.V1Deployment(
        metadata=meta(name),
        spec=client.V1DeploymentSpec(
            replicas=replicas,
            selector=client.V1LabelSelector(match_labels=labels),
            template=template(labels),
        ),
    )


def test_deployment_defaults(apps, ns):
    created = apps.create_namespaced_deployment(ns, deployment(unique("deploy")))
    spec = created.spec
    assert spec.replicas == 1
    assert spec.revision_history_limit == 10
    assert spec.progress_deadline_seconds == 600
    assert spec.strategy.type == "RollingUpdate"
    assert spec.strategy.rolling_update.max_surge == "25%"
    assert spec.strategy.rolling_update.max_unavailable == "25%"
    assert spec.template.spec.restart_policy == "Always"
    assert spec.template.spec.containers[0].image_pull_policy == "IfNotPresent"
    assert created.metadata.generation == 1


def test_deployment_selector_must_match(apps, ns):
    body = deployment(unique("deploy"))
    body.spec.template.metadata.labels = {"app": "other"}
    with pytest.raises(client.ApiException) as caught:
        apps.create_namespaced_deployment(ns, body)
    assert caught.value.status == 422
    assert "`selector` does not match template `labels`" in caught.value.body


def test_deployment_scale(apps, ns):
    name = unique("deploy")
    apps.create_namespaced_deployment(ns, deployment(name, replicas=2))
    scale = apps.read_namespaced_deployment_scale(name, ns)
    assert scale.kind == "Scale"
    assert scale.api_version == "autoscaling/v1"
    assert scale.spec.replicas == 2
    patched = apps.patch_namespaced_deployment_scale(name, ns, {"spec": {"replicas": 5}})
    assert patched.spec.replicas == 5
    assert apps.read_namespaced_deployment(name, ns).spec.replicas == 5
    scale = apps.read_namespaced_deployment_scale(name, ns)
    scale.spec.replicas = 3
    replaced = apps.replace_namespaced_deployment_scale(name, ns, scale)
    assert replaced.spec.replicas == 3
    assert apps.read_namespaced_deployment(name, ns).metadata.generation == 3


def test_deployment_status_subresource(apps, ns):
    name = unique("deploy")
    apps.create_namespaced_deployment(ns, deployment(name))
    patched = apps.patch_namespaced_deployment_status(
        name, ns, {"status": {"observedGeneration": 1, "replicas": 1}}
    )
    assert patched.status.replicas == 1
    # Writes to the main resource ignore status, writes to status ignore spec.
    ignored = apps.patch_namespaced_deployment_status(name, ns, {"spec": {"replicas": 7}})
    assert ignored.spec.replicas == 1


def test_statefulset_and_daemonset_defaults(apps, ns):
    labels = {"app": "sts"}
    sts = apps.create_namespaced_stateful_set(
        ns,
        client.V1StatefulSet(
            metadata=meta(unique("sts")),
            spec=client.V1StatefulSetSpec(
                service_name="sts",
                selector=client.V1LabelSelector(match_labels=labels),
                template=template(labels),
            ),
        ),
    )
    assert sts.spec.pod_management_policy == "OrderedReady"
    assert sts.spec.update_strategy.type == "RollingUpdate"
    assert sts.spec.update_strategy.rolling_update.partition == 0
    assert sts.spec.replicas == 1
    assert sts.spec.revision_history_limit == 10
    assert sts.spec.persistent_volume_claim_retention_policy.when_deleted == "Retain"
    labels = {"app": "ds"}
    ds = apps.create_namespaced_daemon_set(
        ns,
        client.V1DaemonSet(
            metadata=meta(unique("ds")),
            spec=client.V1DaemonSetSpec(
                selector=client.V1LabelSelector(match_labels=labels), template=template(labels)
            ),
        ),
    )
    assert ds.spec.update_strategy.type == "RollingUpdate"
    assert ds.spec.update_strategy.rolling_update.max_unavailable == 1
    assert ds.spec.update_strategy.rolling_update.max_surge == 0
    assert ds.spec.revision_history_limit == 10


def test_deployment_selector_is_immutable(apps, ns):
    name = unique("deploy")
    apps.create_namespaced_deployment(ns, deployment(name, labels={"app": "a"}))
    body = apps.read_namespaced_deployment(name, ns)
    body.spec.selector.match_labels = {"app": "a", "tier": "x"}
    body.spec.template.metadata.labels = {"app": "a", "tier": "x"}
    with pytest.raises(client.ApiException) as caught:
        apps.replace_namespaced_deployment(name, ns, body)
    assert caught.value.status == 422
    assert "field is immutable" in caught.value.body


def test_batch_job_and_cronjob(api_client, ns):
    batch = client.BatchV1Api(api_client)
    job = batch.create_namespaced_job(
        ns,
        client.V1Job(
            metadata=meta(unique("job")),
            spec=client.V1JobSpec(
                template=client.V1PodTemplateSpec(
                    spec=client.V1PodSpec(
                        restart_policy="Never",
                        containers=[client.V1Container(name="c", image="busybox:1.36")],
                    )
                )
            ),
        ),
    )
    assert job.spec.backoff_limit == 6
    assert job.spec.completions == 1
    assert job.spec.parallelism == 1
    assert job.spec.completion_mode == "NonIndexed"
    assert job.spec.selector.match_labels["batch.kubernetes.io/controller-uid"] == job.metadata.uid
    assert job.spec.template.metadata.labels["job-name"] == job.metadata.name
    with pytest.raises(client.ApiException) as caught:
        batch.create_namespaced_cron_job(
            ns,
            client.V1CronJob(
                metadata=meta(unique("cron")),
                spec=client.V1CronJobSpec(
                    schedule="not a schedule",
                    job_template=client.V1JobTemplateSpec(
                        spec=client.V1JobSpec(
                            template=client.V1PodTemplateSpec(
                                spec=client.V1PodSpec(
                                    restart_policy="Never",
                                    containers=[client.V1Container(name="c", image="busybox:1.36")],
                                )
                            )
                        )
                    ),
                ),
            ),
        )
    assert caught.value.status == 422
    assert "spec.schedule" in caught.value.body
