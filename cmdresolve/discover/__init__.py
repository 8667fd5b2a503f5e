"""From the command line's paths to typed inputs: what each file is, told by content.

Today a file is classified here; the directory scan and the image map will join it.
"""
