"""Docker Compose: interpolation, shell-words, the merge of files, ``extends`` and
``include``, profiles, and the engine merge of a service with its image."""
