"""The staff's command line: ``register check``, ``due``, ``coverage``, ``new-response``,
``new-inspection``, ``import`` and ``render`` (``cli``), with the scaffolding of new files
(``scaffold``), the chasing list of responses due or missing (``chase``) and the coverage
report (``coverage_report``). They call the data and site stages; nothing else calls them.
"""
