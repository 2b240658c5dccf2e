"""URL and DOI normalisation (DESIGN section 9): done once, refusing what is unsafe."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.urls import Url, UrlError, doi_of_url, is_private_host, normalise_doi, normalise_url

# --- accepted URLs and their normalised form --------------------------------------------------

ACCEPTED = [
    ("https://example.com/a", "https://example.com/a", "example.com"),
    ("HTTPS://Example.COM/Path/To?Q=1", "https://example.com/Path/To?Q=1", "example.com"),
    ("HTTP://Example.com", "http://example.com/", "example.com"),
    ("https://example.com:443/a", "https://example.com/a", "example.com"),
    ("http://example.com:80/a", "http://example.com/a", "example.com"),
    ("https://example.com:80/a", "https://example.com:80/a", "example.com"),
    ("http://example.com:443/a", "http://example.com:443/a", "example.com"),
    ("https://example.com:8443/a", "https://example.com:8443/a", "example.com"),
    ("https://example.com/a#section-2", "https://example.com/a", "example.com"),
    ("https://example.com/a?b=1&c=2#frag", "https://example.com/a?b=1&c=2", "example.com"),
    ("https://example.com#", "https://example.com/", "example.com"),
    ("https://example.com?q", "https://example.com/?q", "example.com"),
    ("https://example.com./a", "https://example.com/a", "example.com"),
    ("  https://example.com/a  ", "https://example.com/a", "example.com"),
    ("https://bücher.example/", "https://xn--bcher-kva.example/", "xn--bcher-kva.example"),
    ("https://BÜCHER.example/", "https://xn--bcher-kva.example/", "xn--bcher-kva.example"),
    ("https://例子.测试/", "https://xn--fsqu00a.xn--0zwm56d/", "xn--fsqu00a.xn--0zwm56d"),
    ("https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/", "xn--bcher-kva.example"),
    ("https://www.science.org/doi/10.1126/science.adh2586", "https://www.science.org/doi/10.1126/science.adh2586", "www.science.org"),
    ("https://1.1.1.1/dns", "https://1.1.1.1/dns", "1.1.1.1"),
    ("https://[2606:4700:4700::1111]/", "https://[2606:4700:4700::1111]/", "2606:4700:4700::1111"),
    ("https://[2606:4700:4700::1111]:443/", "https://[2606:4700:4700::1111]/", "2606:4700:4700::1111"),
    ("https://example.com/%7Euser", "https://example.com/%7Euser", "example.com"),
]


@pytest.mark.parametrize(("raw", "text", "host"), ACCEPTED)
def test_accepted_urls_and_their_normal_form(raw: str, text: str, host: str) -> None:
    url = normalise_url(raw)
    assert url == Url(text, host)
    assert str(url) == text


@pytest.mark.parametrize(("raw", "text", "host"), ACCEPTED)
def test_normalising_is_idempotent(raw: str, text: str, host: str) -> None:
    assert normalise_url(normalise_url(raw).text) == normalise_url(raw)


def test_idna_host_follows_uts46_as_browsers_do() -> None:
    # IDNA 2003 (Python's "idna" codec) maps ß to "ss": faß.de would become fass.de,
    # another domain. Browsers (UTS 46, non-transitional) keep ß: xn--fa-hia.de.
    assert normalise_url("https://faß.de/") == Url("https://xn--fa-hia.de/", "xn--fa-hia.de")


# --- refused URLs ------------------------------------------------------------------------

REFUSED = [
    # scheme
    ("ftp://example.com/file", "'ftp:'"),
    ("javascript:alert(1)", "'javascript:'"),
    ("JavaScript:alert(1)", "'javascript:'"),
    ("mailto:editor@example.com", "'mailto:'"),
    ("file:///etc/passwd", "'file:'"),
    ("data:text/html,<b>x</b>", "'data:'"),
    ("example.com/page", "no scheme"),
    ("//example.com/page", "no scheme"),
    ("www.example.com", "no scheme"),
    # credentials
    ("https://user:secret@example.com/", "user information"),
    ("https://user@example.com/", "user information"),
    ("https://:secret@example.com/", "user information"),
    ("https://example.com@evil.example/", "user information"),
    # backslashes, white space, control characters
    ("https://example.com\\@evil.example/", "backslash"),
    ("https:\\\\example.com\\a", "backslash"),
    ("https://exa mple.com/", "white space or a control character"),
    ("https://example.com/a b", "white space or a control character"),
    ("https://example.com/a\tb", "white space or a control character"),
    ("https://example.com/a\nb", "white space or a control character"),
    ("https://example.com/a\rb", "white space or a control character"),
    ("https://example.com/\x00", "white space or a control character"),
    ("https://example.com/\x1b[31m", "white space or a control character"),
    ("https://example.com/?q=a\x7f", "white space or a control character"),
    # empty, no host, bad port
    ("", "empty"),
    ("   ", "empty"),
    ("https://", "no host"),
    ("https:///path", "no host"),
    ("https://example.com:99999/", "malformed"),
    ("https://example.com:port/", "malformed"),
    ("https://a..b/", "not a valid domain name"),
    # private, loopback, link-local and non-public hosts, in every spelling
    ("http://127.0.0.1/", "private"),
    ("http://127.1/", "private"),
    ("http://2130706433/", "private"),
    ("http://017700000001/", "private"),
    ("http://0x7f.0.0.1/", "private"),
    ("http://0x7f000001/", "private"),
    ("http://127.0.0.1./", "private"),
    ("http://[::ffff:127.0.0.1]/", "private"),
    ("http://[::ffff:7f00:1]/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "private"),
    ("http://10.0.0.1/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://100.64.0.1/", "private"),
    ("http://0.0.0.0/", "private"),
    ("http://0/", "private"),
    ("http://localhost/", "private"),
    ("http://LOCALHOST./", "private"),
    ("http://localhost:8080/admin", "private"),
    ("http://foo.localhost/", "private"),
    ("http://printer.local/", "private"),
    ("http://db.internal/", "private"),
    ("http://intranet/", "private"),
    ("http://[::1]/", "private"),
    ("http://[::]/", "private"),
    ("http://[fe80::1]/", "private"),
    ("http://[fc00::1]/", "private"),
]


@pytest.mark.parametrize(("raw", "why"), REFUSED)
def test_refused_urls_say_why(raw: str, why: str) -> None:
    with pytest.raises(UrlError) as info:
        normalise_url(raw)
    assert why in str(info.value)


def test_private_host_message_names_the_decoded_address() -> None:
    with pytest.raises(UrlError) as info:
        normalise_url("http://0x7f.0.0.1/")
    assert "127.0.0.1" in str(info.value)


@pytest.mark.parametrize(
    "raw",
    [
        "https://example.com/a\x85b",  # NEL, a C1 control character
        "https://example.com/a\x9bb",  # CSI, starts a terminal escape sequence
        "https://example.com/a\u2028b",  # LINE SEPARATOR
        "https://example.com/a\u00a0b",  # NO-BREAK SPACE
        "https://exa\u00a0mple.com/",  # becomes a plain space in the host after IDNA mapping
    ],
    ids=["nel", "csi", "line-separator", "nbsp-path", "nbsp-host"],
)
def test_non_ascii_white_space_and_control_characters_are_refused(raw: str) -> None:
    with pytest.raises(UrlError) as info:
        normalise_url(raw)
    assert "white space or a control character" in str(info.value)


def test_percent_encoded_host_never_survives_as_is() -> None:
    # WHATWG decodes %41 in a host to "A"; a host holding "%" is no domain name
    try:
        url = normalise_url("https://ex%41mple.com/")
    except UrlError:
        return
    assert url.host == "example.com"


@pytest.mark.parametrize("raw", ["http://127.0.0.1/", "http://192.168.1.1/", "http://localhost/"])
def test_refusal_is_a_value_error(raw: str) -> None:
    with pytest.raises(ValueError):
        normalise_url(raw)


# --- allow_private --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "host"),
    [
        ("http://127.1/", "http://127.0.0.1/", "127.0.0.1"),
        ("http://2130706433/", "http://127.0.0.1/", "127.0.0.1"),
        ("http://0x7f.0.0.1/", "http://127.0.0.1/", "127.0.0.1"),
        ("http://[::ffff:127.0.0.1]/", "http://127.0.0.1/", "127.0.0.1"),
        ("http://169.254.169.254/", "http://169.254.169.254/", "169.254.169.254"),
        ("http://10.0.0.1:8080/x", "http://10.0.0.1:8080/x", "10.0.0.1"),
        ("http://localhost/", "http://localhost/", "localhost"),
        ("http://foo.localhost/", "http://foo.localhost/", "foo.localhost"),
        ("http://intranet/wiki", "http://intranet/wiki", "intranet"),
        ("http://[::1]:8000/", "http://[::1]:8000/", "::1"),
    ],
)
def test_allow_private_accepts_private_hosts(raw: str, text: str, host: str) -> None:
    assert normalise_url(raw, allow_private=True) == Url(text, host)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("ftp://10.0.0.1/", "'ftp:'"),
        ("http://admin:pw@10.0.0.1/", "user information"),
        ("http://10.0.0.1\\x/", "backslash"),
        ("http://10.0.0.1/a b", "white space"),
    ],
)
def test_allow_private_still_refuses_the_rest(raw: str, why: str) -> None:
    with pytest.raises(UrlError) as info:
        normalise_url(raw, allow_private=True)
    assert why in str(info.value)


@pytest.mark.parametrize(
    ("host", "private"),
    [
        ("example.com", False),
        ("8.8.8.8", False),
        ("2606:4700:4700::1111", False),
        ("127.0.0.1", True),
        ("127.1", True),
        ("2130706433", True),
        ("10.1.2.3", True),
        ("[::1]", True),
        ("::ffff:10.0.0.1", True),
        ("localhost", True),
        ("LocalHost.", True),
        ("api.localhost", True),
        ("nas.local", True),
        ("intranet", True),
    ],
)
def test_is_private_host(host: str, private: bool) -> None:
    assert is_private_host(host) is private


# --- DOIs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("10.1126/science.adh2586", "10.1126/science.adh2586"),
        ("10.1126/SCIENCE.ADH2586", "10.1126/science.adh2586"),
        ("  10.1126/science.adh2586 ", "10.1126/science.adh2586"),
        ("doi:10.1126/science.adh2586", "10.1126/science.adh2586"),
        ("DOI:10.1126/Science.Adh2586", "10.1126/science.adh2586"),
        ("https://doi.org/10.1126/science.adh2586", "10.1126/science.adh2586"),
        ("HTTPS://DOI.ORG/10.1126/SCIENCE.ADH2586", "10.1126/science.adh2586"),
        ("http://doi.org/10.3386/w31161", "10.3386/w31161"),
        ("https://dx.doi.org/10.3386/w31161", "10.3386/w31161"),
        ("http://dx.doi.org/10.1000/xyz(1)", "10.1000/xyz(1)"),
        ("10.123456789/x", "10.123456789/x"),
    ],
)
def test_doi_normalised(raw: str, doi: str) -> None:
    assert normalise_doi(raw) == doi


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "doi:",
        "https://doi.org/",
        "11.1126/science.adh2586",
        "10.12/x",
        "10.1234567890/x",
        "10.1126",
        "10.1126/",
        "10.1126/a b",
        "science.adh2586",
        "https://example.com/10.1126/science.adh2586",
    ],
)
def test_doi_refused(raw: str) -> None:
    with pytest.raises(UrlError) as info:
        normalise_doi(raw)
    assert "is not a DOI" in str(info.value)
    assert "10.NNNN/suffix" in str(info.value)


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("https://doi.org/10.1126/science.adh2586", "10.1126/science.adh2586"),
        ("https://doi.org/10.1126/SCIENCE.adh2586#top", "10.1126/science.adh2586"),
        ("https://DOI.org/10.3386/W31161", "10.3386/w31161"),
        ("http://dx.doi.org/10.3386/w31161", "10.3386/w31161"),
        ("https://doi.org/10.1000%2Fxyz", "10.1000/xyz"),
        ("https://doi.org/", None),
        ("https://doi.org/not-a-doi", None),
        ("https://www.science.org/doi/10.1126/science.adh2586", None),
        ("https://example.com/10.1126/science.adh2586", None),
    ],
)
def test_doi_of_url(raw: str, doi: str | None) -> None:
    assert doi_of_url(normalise_url(raw)) == doi


# --- properties ----------------------------------------------------------------------------

_URLS = st.builds(
    lambda scheme, host, port, path, query, fragment: f"{scheme}://{host}{port}/{path}{query}{fragment}",
    st.sampled_from(["http", "https", "HTTPS"]),
    st.sampled_from(["example.com", "EXAMPLE.com", "bücher.example", "1.1.1.1", "[2606:4700::1111]", "a.b.example"]),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.text(max_size=10),
    st.sampled_from(["", "?", "?a=1"]),
    st.sampled_from(["", "#", "#x"]),
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_URLS, st.text(max_size=40)))
def test_a_normalised_url_is_printable_and_stable(raw: str) -> None:
    try:
        url = normalise_url(raw)
    except UrlError:
        return
    bad = [c for c in url.text if unicodedata.category(c) in ("Cc", "Zs", "Zl", "Zp")]
    assert bad == [], f"{raw!r} -> {url.text!r}"
    assert normalise_url(url.text) == url
