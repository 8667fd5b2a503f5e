# Text after the closing bracket: BuildKit keeps the whole text as shell form.
# hadolint refuses to parse the file (DL1000), so it reports nothing here.
# cmdresolve: CR101 at 5.
FROM nginx:1.27
CMD ["nginx", "-g", "daemon off;"] # stay in the foreground
