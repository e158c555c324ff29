"""The reader's screens: the main reader, search, links, speakers, timeline, help, export."""
