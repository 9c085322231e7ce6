"""Settings for bench/surveys_load.py: the real settings, with limits opened up so that one
machine can play 50 respondents from one address."""

from prongsai.settings import *  # noqa: F401,F403

SURVEYS_OPEN_LINK_LIMIT = (10**9, 60)
SURVEYS_FAILURE_LIMIT = (10**9, 60)
SURVEYS_POW_BITS = 8
ROOT_URLCONF = "bench.surveys_urls"
TRUSTED_PROXY_COUNT = 0
