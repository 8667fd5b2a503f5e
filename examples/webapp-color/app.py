"""A tiny stand-in for the lab's webapp-color: prints the colour it would serve.

Run it the way the container would: ``python app.py --color green``.
"""

import argparse
import os

COLORS = ("red", "green", "blue", "blue2", "pink", "darkblue")


def main() -> None:
    parser = argparse.ArgumentParser(description="webapp-color")
    parser.add_argument("--color", choices=COLORS, default=os.environ.get("APP_COLOR", "blue"))
    args = parser.parse_args()
    print(f"Color from command line argument: {args.color}")


if __name__ == "__main__":
    main()
