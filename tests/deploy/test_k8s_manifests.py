"""deploy/k8s: every manifest against the Kubernetes schemas (kubernetes-validate, offline,
strict: an unknown field is an error), and the promises the files make to each other and to
the code (ports, probes, labels, grace period, variable names)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import yaml
from dockerfile_model import ROOT, final_stage

from bot.app import SERVER_STOP_SECONDS
from bot.config import Settings
from bot.inbox.worker import STOP_GRACE_SECONDS

K8S = ROOT / "deploy" / "k8s"
MANIFESTS = sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")
VERSIONS = [kubernetes_validate.latest_version(), "1.30.0"]
"""The newest schemas the validator ships, and an older release still widely run."""
SETTINGS_NAMES = {field.alias for field in Settings.model_fields.values() if field.alias}

Resource = dict[str, Any]


def load(name: str) -> Resource:
    document = yaml.safe_load((K8S / name).read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def pod_spec(resource: Resource) -> Resource:
    spec: Resource = resource["spec"]["template"]["spec"]
    return spec


def container(resource: Resource) -> Resource:
    (only,) = pod_spec(resource)["containers"]
    result: Resource = only
    return result


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_manifest_is_valid_kubernetes(path: Path, version: str) -> None:
    for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        kubernetes_validate.validate(document, version, strict=True)


def test_the_validator_refuses_a_misspelt_field() -> None:
    broken = copy.deepcopy(load("deployment.yaml"))
    broken["spec"]["replica"] = broken["spec"].pop("replicas")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, VERSIONS[0], strict=True)


def test_deployment_runs_two_replicas_of_the_image_cmd_as_its_user() -> None:
    deployment = load("deployment.yaml")
    bot = container(deployment)
    assert deployment["spec"]["replicas"] == 2
    assert bot["command"] == final_stage().cmd()
    user = final_stage().last("USER")
    assert user is not None
    uid = int(user.arguments.split(":")[0])
    security = pod_spec(deployment)["securityContext"]
    assert security["runAsNonRoot"] is True
    assert security["runAsUser"] == uid


def test_probes_readiness_on_readyz_liveness_on_healthz_on_the_webhook_port() -> None:
    bot = container(load("deployment.yaml"))
    ports = {port["name"]: port["containerPort"] for port in bot["ports"]}
    assert ports["http"] == int(load("configmap.yaml")["data"]["PORT"])
    assert bot["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert bot["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert bot["startupProbe"]["httpGet"]["path"] == "/healthz"
    # /readyz gives each of its checks 3 s; the probe waits longer than that.
    assert bot["readinessProbe"]["timeoutSeconds"] > 3


def test_resources_are_requested_and_memory_is_limited() -> None:
    for name in ("deployment.yaml", "migration-job.yaml"):
        resources = container(load(name))["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"]), name
        assert "memory" in resources["limits"], name


def test_grace_period_covers_the_sigterm_drain() -> None:
    """preStop sleep, then the webhook server's close and the handlers' drain (bot.app)."""
    deployment = load("deployment.yaml")
    pre_stop = container(deployment)["lifecycle"]["preStop"]["exec"]["command"]
    assert pre_stop[0] == "sleep"
    needed = float(pre_stop[1]) + SERVER_STOP_SECONDS + STOP_GRACE_SECONDS
    grace = pod_spec(deployment)["terminationGracePeriodSeconds"]
    assert needed < grace <= needed + 15


def test_read_only_root_still_has_its_writable_places() -> None:
    """matplotlib's cache (MPLCONFIGDIR) and the working folder are mounted volumes."""
    env = final_stage().env()
    workdir = final_stage().last("WORKDIR")
    assert workdir is not None
    bot = container(load("deployment.yaml"))
    assert bot["securityContext"]["readOnlyRootFilesystem"] is True
    mounts = {mount["mountPath"] for mount in bot["volumeMounts"]}
    assert any(env["MPLCONFIGDIR"].startswith(m + "/") for m in mounts)
    assert workdir.arguments in mounts


def test_pdb_service_and_ingress_select_the_deployment() -> None:
    deployment = load("deployment.yaml")
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    pdb = load("pdb.yaml")
    assert pdb["spec"]["selector"] == deployment["spec"]["selector"]
    assert pdb["spec"]["minAvailable"] < deployment["spec"]["replicas"]
    service = load("service.yaml")
    assert service["spec"]["selector"].items() <= pod_labels.items()
    (service_port,) = service["spec"]["ports"]
    assert service_port["targetPort"] in {p["name"] for p in container(deployment)["ports"]}
    ingress = load("ingress.yaml")
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    backend = path["backend"]["service"]
    assert backend == {"name": service["metadata"]["name"], "port": {"name": service_port["name"]}}
    webhook = urlsplit(load("configmap.yaml")["data"]["WEBHOOK_URL"])
    assert webhook.scheme == "https"
    assert (webhook.hostname, webhook.path) == (rule["host"], path["path"])
    assert rule["host"] in ingress["spec"]["tls"][0]["hosts"]


def test_migration_job_runs_db_upgrade_with_the_bots_configuration() -> None:
    job = load("migration-job.yaml")
    migrate = container(job)
    assert migrate["command"] == ["footbot", "db", "upgrade"]
    assert migrate["image"] == container(load("deployment.yaml"))["image"]
    assert migrate["envFrom"] == container(load("deployment.yaml"))["envFrom"]
    assert pod_spec(job)["restartPolicy"] == "Never"


def test_configuration_names_are_settings_and_the_secret_holds_no_secret() -> None:
    config = load("configmap.yaml")["data"]
    secret = load("secret.example.yaml")["stringData"]
    assert set(config) <= SETTINGS_NAMES
    assert set(secret) <= SETTINGS_NAMES
    assert {"TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET", "DATABASE_URL"} <= set(secret)
    assert not set(config) & set(secret), "each variable has one home"
    assert all("REPLACE" in value for value in secret.values())


def test_kustomization_applies_all_but_the_secret_template_and_the_job() -> None:
    kustomization = load("kustomization.yaml")
    listed = set(kustomization["resources"])
    assert all((K8S / name).is_file() for name in listed)
    expected = {p.name for p in MANIFESTS} - {"secret.example.yaml", "migration-job.yaml"}
    assert listed == expected
    namespaces = {load(p.name)["metadata"].get("namespace") for p in MANIFESTS}
    assert namespaces - {None} == {kustomization["namespace"]}
