# A shell-form ENTRYPOINT the container runs.
# hadolint: DL3025 at 4. cmdresolve: CR102 at 4.
FROM python:3.12
ENTRYPOINT exec python app.py
CMD ["--port", "80"]
