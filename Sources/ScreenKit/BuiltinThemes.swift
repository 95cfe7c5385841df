/// The canonical text of the shipped themes, embedded so the console works from any directory.
/// `Themes/*.theme` must equal these byte for byte (a test asserts it): edit both together.
enum BuiltinThemes {
    static let `default` = #"""
# Badge Console theme: default (dark or any terminal background; uses its default colours).
# Format (one role per line):
#   <role>  [fg=<colour>] [bg=<colour>] [bold] [dim] [underline] [reverse]
# Colours: default (the terminal's own), black red green yellow blue magenta cyan white,
#   bright-black … bright-white (palette 8–15), or a 256-colour palette number 0–255.
#   On terminals with fewer colours, 8–15 fall back to 0–7 and 16–255 to the nearest of 0–7.
# A role with no words is plain. Blank lines and lines starting with # are ignored.
# A role listed twice is an error; a role not listed takes its style from mono.theme.
# Roles: normal title header border selection statusOK statusWarn statusError vip checkedIn
#   dim keyHint button buttonDisabled input alert progress accent
#   verdictOK verdictWarn verdictError (the scan verdict bands)
# Meaning never rests on colour alone: the console also shows text and symbols.
# Figures (accent, statusOK, checkedIn) use 130 (amber) and 28 (green): both read on dark and
#   light backgrounds (issue #17: yellow did not on light ones).

normal          fg=default bg=default
title           fg=cyan bold
header          bold underline
border          fg=blue
selection       fg=black bg=cyan
statusOK        fg=28 bold
statusWarn      fg=yellow bold
statusError     fg=red bold
vip             fg=magenta bold
checkedIn       fg=28
dim             dim
keyHint         fg=cyan bold
button          fg=white bg=blue bold
buttonDisabled  dim
input           underline
alert           fg=white bg=red bold
progress        fg=green
accent          fg=130 bold
verdictOK       fg=black bg=green bold
verdictWarn     fg=black bg=yellow bold
verdictError    fg=white bg=red bold
"""# + "\n"

    static let light = #"""
# Badge Console theme: light (for light terminal backgrounds; uses the 256-colour palette).
# Format (one role per line):
#   <role>  [fg=<colour>] [bg=<colour>] [bold] [dim] [underline] [reverse]
# Colours: default (the terminal's own), black red green yellow blue magenta cyan white,
#   bright-black … bright-white (palette 8–15), or a 256-colour palette number 0–255.
#   On terminals with fewer colours, 8–15 fall back to 0–7 and 16–255 to the nearest of 0–7.
# A role with no words is plain. Blank lines and lines starting with # are ignored.
# A role listed twice is an error; a role not listed takes its style from mono.theme.
# Roles: normal title header border selection statusOK statusWarn statusError vip checkedIn
#   dim keyHint button buttonDisabled input alert progress accent
#   verdictOK verdictWarn verdictError (the scan verdict bands)
# Meaning never rests on colour alone: the console also shows text and symbols.

normal          fg=default bg=default
title           fg=blue bold
header          fg=black bold underline
border          fg=244
selection       fg=white bg=blue
statusOK        fg=22 bold
statusWarn      fg=130 bold
statusError     fg=124 bold
vip             fg=90 bold
checkedIn       fg=22
dim             fg=242
keyHint         fg=blue bold
button          fg=white bg=blue bold
buttonDisabled  fg=245
input           underline
alert           fg=white bg=124 bold
progress        fg=blue
accent          fg=magenta bold
verdictOK       fg=white bg=22 bold
verdictWarn     fg=black bg=214 bold
verdictError    fg=white bg=124 bold
"""# + "\n"

    static let highContrast = #"""
# Badge Console theme: high-contrast (bright on black, bold, large contrast everywhere).
# Format (one role per line):
#   <role>  [fg=<colour>] [bg=<colour>] [bold] [dim] [underline] [reverse]
# Colours: default (the terminal's own), black red green yellow blue magenta cyan white,
#   bright-black … bright-white (palette 8–15), or a 256-colour palette number 0–255.
#   On terminals with fewer colours, 8–15 fall back to 0–7 and 16–255 to the nearest of 0–7.
# A role with no words is plain. Blank lines and lines starting with # are ignored.
# A role listed twice is an error; a role not listed takes its style from mono.theme.
# Roles: normal title header border selection statusOK statusWarn statusError vip checkedIn
#   dim keyHint button buttonDisabled input alert progress accent
#   verdictOK verdictWarn verdictError (the scan verdict bands)
# Meaning never rests on colour alone: the console also shows text and symbols.

normal          fg=bright-white bg=black
title           fg=bright-yellow bg=black bold
header          fg=bright-white bg=black bold underline
border          fg=bright-white bg=black
selection       fg=black bg=bright-yellow bold
statusOK        fg=bright-green bg=black bold
statusWarn      fg=bright-yellow bg=black bold underline
statusError     fg=bright-white bg=red bold
vip             fg=bright-magenta bg=black bold
checkedIn       fg=bright-green bg=black bold
dim             fg=white bg=black
keyHint         fg=black bg=bright-cyan bold
button          fg=black bg=bright-white bold
buttonDisabled  fg=white bg=black underline
input           fg=bright-white bg=blue bold
alert           fg=bright-white bg=red bold
progress        fg=bright-cyan bg=black bold
accent          fg=bright-cyan bg=black bold
verdictOK       fg=black bg=bright-green bold
verdictWarn     fg=black bg=bright-yellow bold
verdictError    fg=bright-white bg=red bold
"""# + "\n"

    static let mono = #"""
# Badge Console theme: mono (no colours at all, attributes only; also the base for NO_COLOR).
# Format (one role per line):
#   <role>  [fg=<colour>] [bg=<colour>] [bold] [dim] [underline] [reverse]
# Colours: default (the terminal's own), black red green yellow blue magenta cyan white,
#   bright-black … bright-white (palette 8–15), or a 256-colour palette number 0–255.
#   On terminals with fewer colours, 8–15 fall back to 0–7 and 16–255 to the nearest of 0–7.
# A role with no words is plain. Blank lines and lines starting with # are ignored.
# A role listed twice is an error; a role not listed takes its style from mono.theme.
# Roles: normal title header border selection statusOK statusWarn statusError vip checkedIn
#   dim keyHint button buttonDisabled input alert progress accent
#   verdictOK verdictWarn verdictError (the scan verdict bands)
# Meaning never rests on colour alone: the console also shows text and symbols.

normal
title           bold
header          bold underline
border
selection       reverse
statusOK        bold
statusWarn      bold
statusError     bold underline
vip             bold
checkedIn       bold
dim             dim
keyHint         bold
button          reverse
buttonDisabled  dim
input           underline
alert           bold reverse
progress        bold
accent          bold
verdictOK       reverse bold
verdictWarn     reverse bold
verdictError    reverse bold underline
"""# + "\n"
}
