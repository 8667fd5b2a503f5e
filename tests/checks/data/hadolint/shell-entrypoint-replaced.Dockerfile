# A shell-form ENTRYPOINT a later exec-form one of the same stage replaces.
# hadolint: DL3025 at 4, DL4004 at 5. cmdresolve: CR108 at 4, CR106 at 4.
FROM python:3.12
ENTRYPOINT python app.py
ENTRYPOINT ["python", "app.py"]
