"""One workflow that runs any process definition (see `workflow.py`)."""
