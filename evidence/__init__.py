"""The rules of evidence: the design ladder, claim strength, the checker and its report.

    >>> import evidence
    >>> report = evidence.check("data")
    >>> report.errors, report.summary()["claims"]
"""

from evidence.checker import check, run_rules
from evidence.ladder import Ladder
from evidence.ranking import NotInCatalogue, RankedClaim, rank_claims
from evidence.registry import RULES, Rule, UnknownRule
from evidence.report import Report

__all__ = ["Ladder", "NotInCatalogue", "RULES", "RankedClaim", "Report", "Rule", "UnknownRule", "check", "rank_claims", "run_rules"]
