"""Reports built once as data and shown by any surface: the QA readability report and its
charts (qa_report, qa_charts) and what an embed says about an answer (embed_data).

May import the store, core and the rewriter; never web or commands, and never Flask.
"""
