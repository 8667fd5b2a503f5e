from cmdresolve.cli import run

run()
