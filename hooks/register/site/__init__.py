"""The public site's files, made from the checked model.

``generate`` is the one entry point: it gives every file the register adds to a site (pages,
the home page's blocks, downloads, feed, changelog, transcripts) to the MkDocs hook, and
writes them as plain files for ``register render`` (a build with Zensical and no hook). The
pages are rendered from Jinja2 templates (``pages``, ``templates/``) in the register's words
(``wording``, ``stats``) at the addresses ``urls`` gives; the downloads come from ``export``
(through ``csvtext``), the Atom feed from ``feed``, the public changelog from ``changelog``.
What happens to a built site afterwards is here too: links to other sites are marked
(``links``), a build replaces the site only once it has succeeded (``freshsite``), and the
preview rebuilds only what an edit reaches (``incremental``).
"""
