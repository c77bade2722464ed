# bash completion for sgdc, the SGD datacenter design compiler.
# Installed as share/bash-completion/completions/sgdc; for a build tree:
#   source editors/shell/sgdc.bash
# tests/editors/test_shell_completion.py checks that it knows every
# subcommand and option of `sgdc --help`.

_sgdc() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local commands="check build schedule diff dump rules init explain fmt lsp"
  local compile="-C --directory -D --define --stdlib --max-instances --max-input-size --max-item-size -j --jobs"
  local output="--format --color --deny --max-diagnostics --sarif-root"
  local command="" sub="" i
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      -*) ;;
      *) if [[ -z $command ]]; then command=${words[i]}
         elif [[ $command == dump && -z $sub ]]; then sub=${words[i]}
         fi ;;
    esac
  done

  case "$prev" in
    -C|--directory|--stdlib|--sarif-root) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -o|--output) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --prices) COMPREPLY=($(compgen -f -X '!*.toml' -- "$cur")); return ;;
    --format)
      if [[ $command == dump && $sub == model ]]; then COMPREPLY=($(compgen -W "text json" -- "$cur"))
      elif [[ $command == diff ]]; then COMPREPLY=($(compgen -W "text json markdown" -- "$cur"))
      else COMPREPLY=($(compgen -W "text json sarif" -- "$cur")); fi
      return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --deny) COMPREPLY=($(compgen -W "warnings" -- "$cur")); return ;;
    --emit) COMPREPLY=($(compgen -W "report mspdi csv mermaid svg tjp" -- "$cur")); return ;;
    -D|--define|--max-instances|--max-input-size|--max-item-size|--max-diagnostics|--max-output-size|-j|--jobs|--path|--compare) return ;;
  esac

  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi
  local options=""
  case "$command" in
    check) options="$compile $output --summary" ;;
    build) options="$compile $output -o --output --prices --bom-detail --expand --level --max-output-size" ;;
    schedule) options="$compile $output --emit --level" ;;
    rules) options="$compile $output --compare" ;;
    dump)
      if [[ -z $sub ]]; then COMPREPLY=($(compgen -W "ast model" -- "$cur")); return; fi
      if [[ $sub == ast ]]; then options="$output"; else options="$compile --format --path --expand"; fi ;;
    init) options="--stdlib" ;;
    explain) options="" ;;
    fmt) options="--check --diff -C --directory --color" ;;
    lsp) options="--stdlib" ;;
    diff) options="--format -C --directory --stdlib -j --jobs" ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options --help" -- "$cur"))
  elif [[ $command == init ]]; then
    COMPREPLY=($(compgen -d -- "$cur"))
  elif [[ $command != explain && $command != lsp ]]; then
    COMPREPLY=($(compgen -f -X '!*.sgd' -- "$cur") $(compgen -d -- "$cur"))
  fi
}
complete -o filenames -F _sgdc sgdc
