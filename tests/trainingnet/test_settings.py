import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "CACHE_BACKEND"}
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update({"DJANGO_SETTINGS_MODULE": "trainingnet.settings.production", **env})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_settings(missing):
    env = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "trainingnet.example", "REDIS_URL": "redis://127.0.0.1:6379/2"}
    del env[missing]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_refuses_a_development_secret_key():
    result = run_manage("check", SECRET_KEY="dev-only-not-secret-trainingnet", ALLOWED_HOSTS="trainingnet.example",
                        REDIS_URL="redis://127.0.0.1:6379/2")
    assert result.returncode != 0
    assert "long random value" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        SECRET_KEY="q8#Vz!r2Lm@w9Tx$e4Nb%h7Yc^k1Pd&u6Sg*j3Ra(o5Fi)l0Ky",
                        ALLOWED_HOSTS="trainingnet.example", REDIS_URL="redis://127.0.0.1:6379/2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_shared_cache():
    env = {"SECRET_KEY": "q8#Vz!r2Lm@w9Tx$e4Nb%h7Yc^k1Pd&u6Sg*j3Ra(o5Fi)l0Ky", "ALLOWED_HOSTS": "trainingnet.example"}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr
    assert run_manage("check", CACHE_BACKEND="database", **env).returncode == 0
    assert run_manage("check", REDIS_URL="redis://127.0.0.1:6379/2", **env).returncode == 0
