// A Job's pod template on update, as kube-apiserver v1.36 words it (pkg/apis/batch/validation
// `validatePodTemplateUpdate`): a running Job's template is fixed, shown as the internal
// PodTemplateSpec; a suspended one that never started may change container resources, labels and
// scheduling, and any other change is shown as the internal PodSpec on `spec.template.spec`. The
// expected texts are kube-apiserver v1.36.3's answers to the same requests (scripts/oracle).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const JOBS = "/apis/batch/v1/namespaces/default/jobs";
const SMP = { "content-type": "application/strategic-merge-patch+json" };

async function createJob(name: string, suspend: boolean, command?: string[]) {
  const fixture = kubeFixture({ kubernetesVersion: "v1.36.3" });
  const created = await fixture.call("POST", JOBS, {
    metadata: { name },
    spec: {
      ...(suspend ? { suspend: true } : {}),
      template: {
        spec: {
          restartPolicy: "Never",
          containers: [{ name: "c", image: "x", ...(command ? { command } : {}) }],
        },
      },
    },
  });
  assert.equal(created.status, 201, created.text);
  return { ...fixture, uid: created.json.metadata.uid as string };
}

// kube-apiserver's rendering of the internal PodSpec of these Jobs, container `c` running `image`.
function podSpec(image: string, command = "null"): string {
  return POD_SPEC.replace("${image}", image).replace("${command}", command);
}

const POD_SPEC =
  '{"Volumes":null,"InitContainers":null,"Containers":[{"Name":"c","Image":"${image}","Command":${command},"Args":null,"WorkingDir":"","Ports":null,"EnvFrom":null,"Env":null,"Resources":{"Limits":null,"Requests":null,"Claims":null},"ResizePolicy":null,"RestartPolicy":null,"RestartPolicyRules":null,"VolumeMounts":null,"VolumeDevices":null,"LivenessProbe":null,"ReadinessProbe":null,"StartupProbe":null,"Lifecycle":null,"TerminationMessagePath":"/dev/termination-log","TerminationMessagePolicy":"File","ImagePullPolicy":"Always","SecurityContext":null,"Stdin":false,"StdinOnce":false,"TTY":false}],"EphemeralContainers":null,"RestartPolicy":"Never","TerminationGracePeriodSeconds":30,"ActiveDeadlineSeconds":null,"DNSPolicy":"ClusterFirst","NodeSelector":null,"ServiceAccountName":"","AutomountServiceAccountToken":null,"NodeName":"","SecurityContext":{"HostNetwork":false,"HostPID":false,"HostIPC":false,"ShareProcessNamespace":null,"HostUsers":null,"SELinuxOptions":null,"WindowsOptions":null,"RunAsUser":null,"RunAsGroup":null,"RunAsNonRoot":null,"SupplementalGroups":null,"SupplementalGroupsPolicy":null,"FSGroup":null,"FSGroupChangePolicy":null,"Sysctls":null,"SeccompProfile":null,"AppArmorProfile":null,"SELinuxChangePolicy":null},"ImagePullSecrets":null,"Hostname":"","Subdomain":"","SetHostnameAsFQDN":null,"Affinity":null,"SchedulerName":"default-scheduler","Tolerations":null,"HostAliases":null,"PriorityClassName":"","Priority":null,"PreemptionPolicy":null,"DNSConfig":null,"ReadinessGates":null,"RuntimeClassName":null,"Overhead":null,"EnableServiceLinks":null,"TopologySpreadConstraints":null,"OS":null,"SchedulingGates":null,"ResourceClaims":null,"Resources":null,"HostnameOverride":null,"SchedulingGroup":null}';

describe("Job template updates (v1.36)", () => {
  it("a running Job's template change is 422 on spec.template with the internal PodTemplateSpec", async () => {
    const { call, uid } = await createJob("run", false, ["sh", "-c", "a && b"]);
    const answer = await call("PATCH", `${JOBS}/run`, {
      spec: { template: { spec: { containers: [{ name: "c", image: "y" }] } } },
    }, SMP);
    assert.equal(answer.status, 422);
    const labels =
      `{"batch.kubernetes.io/controller-uid":"${uid}","batch.kubernetes.io/job-name":"run","controller-uid":"${uid}","job-name":"run"}`;
    const value = `{"labels":${labels},"Spec":${podSpec("y", '["sh","-c","a \\u0026\\u0026 b"]')}}`;
    assert.equal(
      answer.json.message,
      `Job.batch "run" is invalid: spec.template: Invalid value: ${value}: field is immutable`,
    );
    assert.deepEqual(answer.json.details.causes, [{
      reason: "FieldValueInvalid",
      message: `Invalid value: ${value}: field is immutable`,
      field: "spec.template",
    }]);
  });

  it("a suspended Job's image change is 422 on spec.template.spec with the internal PodSpec", async () => {
    const { call } = await createJob("upd", true);
    const answer = await call("PATCH", `${JOBS}/upd`, {
      spec: { template: { spec: { containers: [{ name: "c", image: "y" }] } } },
    }, SMP);
    assert.equal(answer.status, 422);
    assert.equal(
      answer.json.message,
      `Job.batch "upd" is invalid: spec.template.spec: Invalid value: ${
        podSpec("y")
      }: field is immutable`,
    );
    assert.equal(answer.json.details.causes[0].field, "spec.template.spec");
  });

  it("a suspended Job that never started may change resources, labels and its node selector", async () => {
    const { call } = await createJob("upd", true);
    const answer = await call("PATCH", `${JOBS}/upd`, {
      spec: {
        template: {
          metadata: { labels: { x: "y" } },
          spec: {
            nodeSelector: { a: "b" },
            containers: [{ name: "c", resources: { requests: { cpu: "1" } } }],
          },
        },
      },
    }, SMP);
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.json.spec.template.spec.containers[0].resources, {
      requests: { cpu: "1" },
    });
    assert.deepEqual(answer.json.spec.template.spec.nodeSelector, { a: "b" });
  });
});
