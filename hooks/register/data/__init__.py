"""Reading and checking the data, and the model it becomes.

The first stage of the register's pipeline: the YAML files are read safely with their line
numbers (``safefile``, ``yamlfile``, ``yamlerrors``), checked against the JSON Schema in
``register/schema/`` (``schema``) and against each other (``crosscheck``, ``textrules``), and
loaded into plain dataclasses (``load``, ``model``). What the register judges from them lives
here too, because pages, downloads and staff commands must all judge alike: the statutory
clock (``clock``), section 55 completeness (``completeness``), where the register looked
(``coverage``) and each body's standing on an inspection (``standing``). ``project`` finds the
project folder and the settings the build and the command line share.

Nothing here writes a file or knows about pages.
"""
