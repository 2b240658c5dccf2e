"""The ``evidence`` command: parses arguments, calls the library, renders, exits."""
