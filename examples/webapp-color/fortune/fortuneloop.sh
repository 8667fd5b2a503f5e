#!/bin/bash
# Writes a fortune every INTERVAL seconds (the first argument).
trap "exit" SIGINT
INTERVAL=$1
echo "Configured to generate new fortune every $INTERVAL seconds"
while :; do
  /usr/games/fortune
  sleep "$INTERVAL"
done
