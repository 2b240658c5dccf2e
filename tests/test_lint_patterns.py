"""Rule tables for the page-lint heuristics: each statistic form and hole pattern, found and not found."""

from __future__ import annotations

import pytest

from evidence.lint.holes import PATTERNS, find_holes
from evidence.lint.statistics import find_statistics

STATISTICS = [
    # (text, the statistics found as written)
    ("Jobs grew 12% last year.", ["12%"]),
    ("Time fell -40%, quality rose +18%.", ["-40%", "+18%"]),
    ("Handles 40-60% of tasks; 40%-60% in another survey.", ["40-60%", "40%-60%"]),
    ("Exposure climbed 28pp and 3.2 percentage points; 30 percent more.", ["28pp", "3.2 percentage points", "30 percent"]),
    ("AI-Substitutable12%", ["12%"]),
    ("Median salary $187,500, $158k, $200K-$350K+ and $112k – $242k.", ["$187,500", "$158k", "$200K-$350K+", "$112k – $242k"]),
    ("Penalties up to 35M EUR and €8k-€12k.", ["35M EUR", "€8k-€12k"]),
    ("+170M new roles, -92M displaced, 84k workers, 1.2 million users.", ["+170M", "-92M", "84k", "1.2 million"]),
    ("Across 10,133 posts and 890 ML job postings.", ["10,133", "890"]),
    ("A panel of 40 respondents and 5 firms.", ["40", "5"]),
    ("Firms were 2.5x more likely; a 3-fold rise; 3 times as many offers.", ["2.5x", "3-fold", "3 times as"]),
    ("7 of 10 employers, 1 in 5 workers, one in four engineers, three out of four managers.",
     ["7 of 10", "1 in 5", "one in four", "three out of four"]),
    ("Half of workers and two-thirds of employers agree.", ["Half of workers", "two-thirds of employers"]),
    ("A trial with n=453 and N = 1,200.", ["n=453", "N = 1,200"]),
    ("Recruiters spend 7.4 seconds; the median time to fill is 48 days.", ["7.4 seconds", "48 days"]),
    ("Hiring takes 44 days on average; books closed 3 days faster On Average.", ["44 days", "3 days"]),
    # the site-counter words and "off" end nothing else: a count of posts, a cut, a rise
    ("An analysis of 1,234 posts; costs cut 20% officially; 2.3k engineers; offers rose 20%, off-cycle.",
     ["1,234", "20%", "2.3k", "20%"]),
    ("Half are 50% remote; 100% of workers; 100% remotely; 7 of 10 slides.", ["50%", "100%", "100%", "7 of 10"]),
    ("4 out of 5 dentists; COVID-190 cases; ABCDE-200 employees.", ["4 out of 5", "190", "200"]),
]
NOT_STATISTICS = [
    "Published in 2025, covering 2024-2034 and May 2026.",
    "Version v2.6, report ID #3061, Article 14 and Section 3.2.",
    "Ranked #1, in the top 15, scored 3.75/5.0 and 68.2/100 (Green ≥48, Yellow 25-47).",
    "Score (0-3), Protective 2 + Correlation 2, 1.0 + (9 × 0.04) = 1.36.",
    "Science 381(6654) and O*NET 15-2051.00.",
    "GPT-4, COVID-19 and Python 3.11.",
    "Typical experience 3-7 years; within 5 years; over the next 5-10+ years; a 5-15 minute test.",
    "It takes 3 days. On average, fine; 3 days on averages; 3-5 years on average.",
    "All 8 canonical tasks, 12 new roles and 24 questions.",
    "Step 2 of 5, page 4 of 9.",
    "COGNITIVE94CREATIVE62 and 020406080100 and '18'20'22.",
    "Call at 9:30 on 12 March 2025; the 80th percentile.",
    # the site's own counters and promotions
    "Rated 4.6/5 from 1,234 reviews; join 50,000 subscribers; 2.3k shares, 1.2M views; 1,200 guides.",
    "Use code NURSE20 for 20% off, or $10 off the course.",
    "This role is 100% remote; the course is 100% online and 100% free.",
    "Slide 1 of 5. Showing 1-10 of 250 results; photo 2 of 8, lesson 3 of 12.",
    # real job titles (O*NET 29.3, ESCO 1.2.0): a service number, a unit
    "911 Dispatcher, 411 Directory Assistance Operator and 360 degree excavator operator.",
    # named lists, standards, forms and visas, ratings
    "Fortune 500 companies, S&P 500 firms, the Inc. 5000 list, ISO 9001 and the Global 2000 hire here.",
    "W-2 employees, H-1B visas, I-9 forms and EB-5 investors; rated 4.6 out of 5.",
    # and their prose: a share inside a word, weights, a number in a range of no count
    "Negotiate collective agreements on behalf of employers or workers; the headquarters of firms.",
    "Aircraft of more than 5700 kilograms; ships of 500 gross tonnage; heated to between 1000 and 2000 \u00b0C.",
]


@pytest.mark.parametrize("text, expected", STATISTICS, ids=[t[:30] for t, _ in STATISTICS])
def test_statistics_found(text: str, expected: list[str]) -> None:
    assert [s.text for s in find_statistics(text)] == expected


@pytest.mark.parametrize("text", NOT_STATISTICS, ids=[t[:30] for t in NOT_STATISTICS])
def test_not_statistics(text: str) -> None:
    assert [s.text for s in find_statistics(text)] == []


HOLES = {
    "empty-range": (["Adds k-k, especially.", "Pays $k-$k a year.", "Between $-$ and %-%."], ["Pays $5k-$10k.", "A B-B2B deal."]),
    "missing-number": (["Reliability above . and retest above .", "Grew by % last year.", "Above , excellent."],
                       ["As noted above.", "Reliability above 0.9.", "Time % | Score"]),
    "dangling-range": (["Practice. - months of interaction.", "Expect - years before senior.", "Takes: – weeks."],
                       ["Adds 3-5 years.", "Mentoring - Growth", "Twenty-four months."]),
    "empty-value": (["A sample (n=) of postings.", "The median is $k per year.", "Between and per year.", "Pays from to."],
                    ["A sample (n=453).", "US$5 and $ 5.", "Between 3 and 5.", "Aircraft between and through airports.",
                     "Children taken from and to school."]),
    "placeholder": (["Earn {{ premium }} more.", "Adds {salary} a year.", "Growth: NaN% a year.", "[object Object]"],
                    ["A set {1, 2} in maths.", "None of them.", "A null result."]),
    "empty-list": (["Skills — Mentoring, , Strategic Thinking.", "See ( ) for details.", "Roles () and (,)."],
                   ["Call fit() in Python.", "A, B and C.", "(see above)"]),
    "slug": (["Across 1 1 Nft Artist pages.", "Also 3d Designer.", "Related: Ml Engineer.", "Slug 1-1-nft-artist."],
             ["ML Engineer and 3D Artist.", "A state-of-the-art model.", "In 2024 2025 was good.", "Calls to 9-1-1."]),
}


@pytest.mark.parametrize("name", sorted(HOLES))
def test_hole_patterns(name: str) -> None:
    found, clean = HOLES[name]
    for text in found:
        assert [h.pattern for h in find_holes(text)][:1] == [name], text
    for text in clean:
        assert find_holes(text) == [], text


def test_every_hole_pattern_has_a_table() -> None:
    assert sorted(HOLES) == sorted(PATTERNS)
