"""Fetch an evidence URL the way an assessor would, without letting the URL reach inside our network.

An agency types the URL, so it is hostile input (SSRF). Every hop is checked the same way:

1. `check_url_syntax`: http(s) only, no credentials, an allowed port, a sane host, no control
   characters; IP-literal hosts must be public.
2. `resolve_public`: one DNS lookup; refuse if ANY address is not public (loopback, private,
   link-local incl. the 169.254.169.254 metadata service, CGNAT, multicast, reserved, IPv4
   embedded in IPv6 ...).
3. Connect to the validated IP itself, sending the real name in `Host` and as TLS SNI, and
   verifying the certificate against that name. There is no second lookup, so a DNS answer that
   changes between check and use (DNS rebinding) cannot steer the connection.

Redirects are followed by hand so each hop goes through 1-3 again. Failures come back as
`FetchResult.error_code`, never as exceptions. Logs carry scheme, host and path, never the
query string (it may hold tokens).
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import ssl
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

import urllib3
from django.utils.translation import gettext_lazy as _
from urllib3 import exceptions as u3

from lib.errors import DomainError, Message

try:  # certifi gives the same CA set on every machine; fall back to the system store.
    import certifi

    CA_BUNDLE: str | None = certifi.where()
except ImportError:  # pragma: no cover
    CA_BUNDLE = None

log = logging.getLogger(__name__)


class _RedactQuery(logging.Filter):
    """urllib3 logs each request target at DEBUG, query included: cut the query out."""

    _query = re.compile(r"\?[^\s\"']*")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self._query.sub("?[…]", a) if isinstance(a, str) else a for a in record.args)
        return True


for _name in ("urllib3.connectionpool", "urllib3.connection"):
    if not any(isinstance(f, _RedactQuery) for f in logging.getLogger(_name).filters):
        logging.getLogger(_name).addFilter(_RedactQuery())

MAX_URL_LENGTH = 2000
DEFAULT_PORTS = {"http": 80, "https": 443}
ALLOWED_PORTS: tuple[int, ...] = (80, 443)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Ranges that Python's is_private/is_reserved flags miss on some versions, or that embed
# another address. Listed explicitly so the answer does not depend on the Python patch level.
_BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches localhost on Linux
        "100.64.0.0/10",  # carrier-grade NAT
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",  # documentation
        "198.18.0.0/15",  # benchmarking
        "240.0.0.0/4", "255.255.255.255/32",
        "::/128", "::1/128", "::/96",  # unspecified, loopback, deprecated IPv4-compatible
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard-only
        "2001::/23",  # IETF protocol assignments, Teredo included
        "2001:db8::/32",  # documentation
        "fc00::/7",  # unique local
        "fe80::/10", "fec0::/10",  # link-local, old site-local
        "ff00::/8",  # multicast
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UrlRejected(DomainError):
    """A URL, or an address it resolves to, that we refuse to fetch. CODE says why."""

    def __init__(self, message: Message, code: str) -> None:
        super().__init__(message, code=code, field="url")


@dataclass(frozen=True)
class FetchResult:
    final_url: str
    status: int | None  # None when no response was received
    content_type: str  # media type only, lower case: "text/html"; "" if none
    redirects: list[str] = field(default_factory=list)  # each URL redirected to, in order
    elapsed_ms: int = 0
    bytes_read: int = 0  # body bytes read, at most max_bytes
    on_agency_domain: bool = False  # final host is one of the agency's domains
    error_code: str = ""  # "" on success; see ERROR_CODES
    error_message: object = ""  # lazy translatable string, "" on success

    @property
    def ok(self) -> bool:
        return not self.error_code


ERROR_CODES = (
    "too_long", "bad_chars", "bad_scheme", "credentials", "no_host", "bad_host", "bad_port",
    "blocked_address", "dns", "timeout", "tls", "connection", "too_many_redirects",
    "bad_redirect", "http_error", "error",
)


# --- addresses -------------------------------------------------------------------------------


def _networks(allowed: Iterable[str]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(n, strict=False) for n in allowed)


def is_public_address(ip: IPAddress | str, allowed_networks: Iterable[str] = ()) -> bool:
    """True if IP is a public unicast address, or sits in one of ALLOWED_NETWORKS (CIDR strings)."""
    ip = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    allowed = _networks(allowed_networks)
    return _is_public(ip, allowed)


def _is_public(ip: IPAddress, allowed: Sequence[IPNetwork]) -> bool:
    if any(ip.version == net.version and ip in net for net in allowed):
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv6 address that carries an IPv4 one reaches that IPv4 host: judge the inner one.
        inner = ip.ipv4_mapped or ip.sixtofour
        if ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None and not _is_public(inner, allowed):
            return False
        if ip.teredo and not all(_is_public(a, allowed) for a in ip.teredo):
            return False
        if ip.ipv4_mapped is not None or ip in _NAT64:
            return True  # Python flags these prefixes private/reserved; the inner one decided
    if any(ip.version == net.version and ip in net for net in _BLOCKED_NETWORKS):
        return False
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local)
    ) and ip.is_global


def resolve_public(host: str, port: int, *, allowed_networks: Iterable[str] = ()) -> list[str]:
    """Resolve HOST once and return its addresses, or raise UrlRejected if any is not public.

    Any, not all: a name with one public and one internal address could be steered to the
    internal one, so it is refused whole.
    """
    allowed = _networks(allowed_networks)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        raise UrlRejected(_("The address could not be resolved."), "dns") from None
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        text = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 scope id
        try:
            ip = ipaddress.ip_address(text)
        except ValueError:
            raise UrlRejected(_("The address could not be resolved."), "dns") from None
        if not _is_public(ip, allowed):
            raise UrlRejected(_("The address points inside a private network."), "blocked_address")
        if str(ip) not in addresses:
            addresses.append(str(ip))
    if not addresses:
        raise UrlRejected(_("The address could not be resolved."), "dns")
    return addresses


# --- URL syntax --------------------------------------------------------------------------------

_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")


def _normalise_host(host: str) -> str:
    """Lower-case ASCII (IDNA) form of HOST without a trailing dot; ValueError if malformed."""
    host = host.strip().rstrip(".").lower()
    if not host:
        raise ValueError("empty host")
    if ":" in host:  # IPv6 literal, already without brackets
        return str(ipaddress.IPv6Address(host.split("%", 1)[0]))
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError("bad IDNA") from None
    return ascii_host.lower()


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def check_url_syntax(
    url: str,
    *,
    allowed_ports: Iterable[int] = ALLOWED_PORTS,
    allowed_networks: Iterable[str] = (),
) -> str:
    """Return URL normalised (scheme and host lower case, IDNA host, non-ASCII path
    percent-encoded, no fragment), or raise UrlRejected. No network access."""
    if not isinstance(url, str):
        raise UrlRejected(_("The address is not text."), "bad_chars")
    url = url.strip(" ")  # a pasted URL often ends with a space; nothing else is forgiven
    if len(url) > MAX_URL_LENGTH:
        raise UrlRejected(_("The address is too long."), "too_long")
    # Control characters and whitespace are where parsers disagree (browser vs. urllib);
    # a backslash is a path separator to browsers but not to urlsplit.
    if any(c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c == "\\" for c in url):
        raise UrlRejected(_("The address contains spaces or control characters."), "bad_chars")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise UrlRejected(_("The address is not a valid web address."), "bad_host") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise UrlRejected(_("Only http and https addresses can be checked."), "bad_scheme")
    if "@" in parts.netloc:
        raise UrlRejected(_("The address must not contain a user name or password."), "credentials")
    if not parts.hostname:
        raise UrlRejected(_("The address has no host name."), "no_host")
    try:
        port = parts.port
    except ValueError:
        raise UrlRejected(_("The address has an invalid port."), "bad_port") from None
    if port is not None and port not in set(allowed_ports):
        raise UrlRejected(_("The address uses a port that is not allowed."), "bad_port")
    try:
        host = _normalise_host(parts.hostname)
    except ValueError:
        raise UrlRejected(_("The address has an invalid host name."), "bad_host") from None

    ip = _ip_literal(host)
    if ip is None:
        labels = host.split(".")
        if len(host) > 253 or not all(_LABEL.match(label) for label in labels):
            raise UrlRejected(_("The address has an invalid host name."), "bad_host")
        # "127.1", "0x7f.1" or "2130706433" are IPv4 to browsers and getaddrinfo; no real
        # top-level domain is numeric, so refuse rather than guess.
        if _NUMERIC_LABEL.match(labels[-1]):
            raise UrlRejected(_("The address has an invalid host name."), "bad_host")
    elif not _is_public(ip, _networks(allowed_networks)):
        raise UrlRejected(_("The address points inside a private network."), "blocked_address")

    netloc = f"[{host}]" if ip is not None and ip.version == 6 else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    # Keep existing %-escapes, encode the rest (Thai paths are common).
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")


def host_on_domains(host: str, domains: Iterable[str]) -> bool:
    """True if HOST is one of DOMAINS or a subdomain of one. Case-insensitive, IDNA-normalised,
    trailing dot ignored, a leading "www." on a domain ignored; matching is on whole labels,
    so evilmuangkao.go.th is not on muangkao.go.th. A domain may be given as a URL."""
    try:
        host = _normalise_host(host)
    except ValueError:
        return False
    for domain in domains:
        domain = (domain or "").strip()
        if "://" in domain:
            domain = urlsplit(domain).hostname or ""
        try:
            domain = _normalise_host(domain)
        except ValueError:
            continue
        if domain.startswith("www."):
            domain = domain[4:]
        if host == domain or host.endswith("." + domain):
            return True
    return False


def _loggable(url: str) -> str:
    """URL without query or fragment: queries may carry tokens or personal data."""
    try:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}{parts.path}"
    except ValueError:
        return "<unparseable>"


# --- fetching ----------------------------------------------------------------------------------


class _Failure(Exception):
    def __init__(self, code: str, message: Message) -> None:
        self.code, self.message = code, message


_TIMEOUT = _("The site did not answer in time.")


def _open(
    scheme: str, ip: str, port: int, host: str, target: str, *, timeout: float,
    user_agent: str, ca_certs: str | None,
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    """GET TARGET from IP:PORT, naming HOST in the Host header and TLS. No DNS happens here."""
    pool: urllib3.HTTPConnectionPool
    limit = urllib3.Timeout(connect=timeout, read=timeout)
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            ip, port, cert_reqs="CERT_REQUIRED", ca_certs=ca_certs or CA_BUNDLE,
            server_hostname=host, assert_hostname=host, maxsize=1, retries=False, timeout=limit,
        )
    else:
        pool = urllib3.HTTPConnectionPool(ip, port, maxsize=1, retries=False, timeout=limit)
    host_header = host if port == DEFAULT_PORTS[scheme] else f"{host}:{port}"
    headers = {
        "Host": host_header,
        "User-Agent": user_agent,
        "Accept": "*/*",
        "Accept-Encoding": "identity",  # we count raw bytes; no decompression bombs
    }
    try:
        response = pool.urlopen(
            "GET", target, headers=headers, redirect=False, retries=False,
            preload_content=False, decode_content=False, assert_same_host=False,
        )
    except BaseException:
        pool.close()
        raise
    return pool, response


def _read_limited(response: urllib3.BaseHTTPResponse, max_bytes: int, deadline: float) -> int:
    """Read at most MAX_BYTES of the body; a slow drip is cut off at DEADLINE."""
    total = 0
    while total < max_bytes:
        if time.monotonic() > deadline:
            raise _Failure("timeout", _TIMEOUT)
        chunk = response.read(min(CHUNK, max_bytes - total))
        if not chunk:
            break
        total += len(chunk)
    return total


def _classify(exc: BaseException) -> _Failure:
    # Order matters: NewConnectionError subclasses ConnectTimeoutError in urllib3 2.
    if isinstance(exc, _Failure):
        return exc
    if isinstance(exc, (u3.SSLError, ssl.SSLError)):
        return _Failure("tls", _("The site's secure connection (TLS certificate) is not valid."))
    if isinstance(exc, u3.NewConnectionError):
        return _Failure("connection", _("Could not connect to the site."))
    if isinstance(exc, (u3.TimeoutError, socket.timeout, TimeoutError)):
        return _Failure("timeout", _TIMEOUT)
    if isinstance(exc, (u3.HTTPError, OSError)):
        return _Failure("connection", _("The connection to the site failed."))
    return _Failure("error", _("The address could not be checked."))


def _location(response: urllib3.BaseHTTPResponse) -> str | None:
    value = response.headers.get("Location")
    if value is None:
        return None
    try:  # http.client decodes headers as latin-1; servers send UTF-8 (Thai paths)
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def fetch(
    url: str,
    *,
    domains: list[str] | None,
    timeout: float = 10.0,
    max_redirects: int = 5,
    max_bytes: int = 2_000_000,
    allowed_networks: Iterable[str] = (),
    allowed_ports: Iterable[int] = ALLOWED_PORTS,
    user_agent: str = "Prongsai-EvidenceCheck/1",
    ca_certs: str | None = None,
) -> FetchResult:
    """GET URL, following redirects, and report what an assessor would see. Never raises.

    TIMEOUT bounds each connect and read and also the whole fetch, redirects included.
    DOMAINS, the agency's own domains, only set `on_agency_domain`; they do not restrict.
    ALLOWED_NETWORKS and ALLOWED_PORTS widen the checks (tests, an intranet deployment).
    CA_CERTS overrides the CA bundle (certifi by default).
    """
    started = time.monotonic()
    deadline = started + timeout
    allowed_networks = tuple(allowed_networks)
    allowed_ports = tuple(allowed_ports)
    redirects: list[str] = []
    current = url
    status: int | None = None
    content_type = ""
    bytes_read = 0

    def result(code: str = "", message: object = "") -> FetchResult:
        try:
            host = urlsplit(current).hostname or ""
        except (ValueError, TypeError, AttributeError):
            host = ""
        on_domain = bool(domains and host and host_on_domains(host, domains))
        elapsed = int((time.monotonic() - started) * 1000)
        if code:
            log.info("evidence fetch %s failed: %s", _loggable(current), code)
        return FetchResult(
            final_url=current, status=status, content_type=content_type,
            redirects=list(redirects), elapsed_ms=elapsed, bytes_read=bytes_read,
            on_agency_domain=on_domain, error_code=code, error_message=message,
        )

    for hop in range(max_redirects + 1):
        try:
            current = check_url_syntax(
                current, allowed_ports=allowed_ports, allowed_networks=allowed_networks
            )
            parts = urlsplit(current)
            scheme, host = parts.scheme, parts.hostname or ""
            port = parts.port or DEFAULT_PORTS[scheme]
            ips = resolve_public(host, port, allowed_networks=allowed_networks)
        except UrlRejected as rejected:
            return result(rejected.code, rejected.message)

        target = parts.path + (f"?{parts.query}" if parts.query else "")
        status, content_type = None, ""
        pool = response = None
        try:
            # Try each validated address in turn (IPv6 may be unroutable from here);
            # never an address that was not validated above.
            for i, ip in enumerate(ips):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise _Failure("timeout", _TIMEOUT)
                try:
                    pool, response = _open(
                        scheme, ip, port, host, target, timeout=min(timeout, remaining),
                        user_agent=user_agent, ca_certs=ca_certs,
                    )
                    break
                except u3.NewConnectionError:
                    if i == len(ips) - 1:
                        raise
            assert response is not None
            status = response.status
            content_type = (response.headers.get("Content-Type") or "").split(";", 1)[0]
            content_type = content_type.strip().lower()
            log.debug("evidence fetch %s -> %s", _loggable(current), status)

            location = _location(response) if status in REDIRECT_STATUSES else None
            if status in REDIRECT_STATUSES:
                if not location:
                    return result("bad_redirect", _("The site redirects without saying where."))
                if hop == max_redirects:
                    return result("too_many_redirects", _("The site redirects too many times."))
                current = urljoin(current, location)
                redirects.append(current)
                continue
            bytes_read = _read_limited(response, max_bytes, deadline)
        except BaseException as exc:  # noqa: BLE001 - the contract is: never raise
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            failure = _classify(exc)
            if failure.code == "error":
                log.warning("evidence fetch %s: unexpected %s", _loggable(current), type(exc).__name__)
            return result(failure.code, failure.message)
        finally:
            if response is not None:
                response.release_conn()
            if pool is not None:
                pool.close()

        if status >= 400:
            return result("http_error", _("The site answered with an error status."))
        return result()
    return result("too_many_redirects", _("The site redirects too many times."))  # pragma: no cover
