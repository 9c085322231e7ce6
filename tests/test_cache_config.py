"""With REDIS_URL the cache (rate limits, one-time survey tokens) is shared through Redis."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_up(), reason="no Redis on 127.0.0.1:6379; Redis cache test skipped")
def test_two_processes_share_the_redis_cache():
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/9", "DJANGO_SETTINGS_MODULE": "prongsai.settings"}
    script = "import django,sys; django.setup(); from django.core.cache import cache; "
    write = script + "cache.set('prongsai-test-key', 'shared', 30); from django.core.cache import caches; print(type(caches['default']).__name__)"
    read = script + "print(cache.get('prongsai-test-key'))"
    first = subprocess.run([sys.executable, "-c", write], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", read], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "RedisCache"
    assert second.stdout.strip() == "shared"
