#!/bin/sh
# strip as dh_strip calls it on executables: the debug information and the sections a program
# never reads at run time (.comment holds the compiler's version; .note, not .note.*, is empty).
exec strip --remove-section=.comment --remove-section=.note "$@"
