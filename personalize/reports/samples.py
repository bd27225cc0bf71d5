"""Sample content approved for a demonstration: how such an approval is recorded and told.

`flask content approve-samples` takes the shipped sample answers through the store's own
review steps as a named demo reviewer, with this note on the approval. Pages and embeds read
the note back and say the answer is sample content that no clinician has reviewed; the
shipped files keep their own (not approved) status. Flask-free.
"""

from __future__ import annotations

from personalize.store.revisions import RevisionInfo

SAMPLE_NOTE = ("Sample content approved for a demonstration with `flask content "
               "approve-samples`; not reviewed by a clinician.")


def demo_reviewer(info: RevisionInfo | None) -> str:
    """Who approved a revision for a demonstration, or "" when its approval is a real one
    (or it is not approved).

    >>> import datetime as dt
    >>> from personalize.store.revisions import ReviewStep
    >>> at = dt.datetime(2026, 12, 3)
    >>> steps = (ReviewStep("submitted", "under_review", "Demo", at),
    ...          ReviewStep("under_review", "approved", "Demo", at, note=SAMPLE_NOTE))
    >>> demo_reviewer(RevisionInfo("a", 1, "approved", "content", at, "", steps))
    'Demo'
    >>> demo_reviewer(RevisionInfo("a", 1, "approved", "content", at, "", steps[:1]))
    ''
    """
    if info is None or info.status != "approved":
        return ""
    approvals = [s for s in info.steps if s.to_status == "approved"]
    last = approvals[-1] if approvals else None
    return last.actor if last is not None and last.note == SAMPLE_NOTE else ""
