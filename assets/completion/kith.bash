# bash completion for kith(1). Installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/kith; or source it from ~/.bashrc.
#
# Candidates come from `kith complete`, so they follow the installed
# binary's command table and the user's own database (-d/--db, $KITH_DB).

_kith_names() {  # _kith_names KIND CUR [DB...]: names with spaces, quoted for the line
  local kind=$1 cur=$2 line lc lcur
  shift 2
  local -a all=() starts=()
  while IFS= read -r line; do
    [ -n "$line" ] && all+=("$line")
  done < <(kith "$@" complete "$kind" "$cur" 2>/dev/null)
  lcur=${cur,,}
  for line in "${all[@]}"; do
    lc=${line,,}
    [[ $lc == "$lcur"* ]] && starts+=("$line")
  done
  # names start with what was typed, or match a later word (Ana -> "María Ana ...")
  [ ${#starts[@]} -gt 0 ] && all=("${starts[@]}")
  for line in "${all[@]}"; do
    COMPREPLY+=("$(printf '%q' "$line")")
  done
}

_kith() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local -a db=()
  local i=1 cmd="" sub="" npos=0 w
  COMPREPLY=()

  # global options, then the command and its subcommand
  while [ $i -lt "$COMP_CWORD" ]; do
    w=${COMP_WORDS[i]}
    case $w in
      -d|--db) db=(-d "${COMP_WORDS[i+1]}"); i=$((i + 2)); continue ;;
      --db=*) db=(-d "${w#--db=}") ;;
      -*) ;;
      *) if [ -z "$cmd" ]; then cmd=$w
         elif [ -z "$sub" ] && kith complete commands "$cmd" 2>/dev/null | grep -q "^$w:"; then sub=$w
         else npos=$((npos + 1)); fi ;;
    esac
    i=$((i + 1))
  done

  case $prev in
    -d|--db|-o|--output)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur"); compopt -o filenames 2>/dev/null; return ;;
    --format)
      mapfile -t COMPREPLY < <(compgen -W "vcf csv ics json svg dot" -- "$cur"); return ;;
    --kind|--status|--type|--sort|--tier|--vcard-version)
      return ;;
    --map|--with|--org|--target)
      case $prev in
        --map) _kith_names maps "$cur" "${db[@]}" ;;
        --with|--target) _kith_names contacts "$cur" "${db[@]}" ;;
      esac
      return ;;
  esac

  if [ -z "$cmd" ]; then
    if [[ $cur == -* ]]; then
      mapfile -t COMPREPLY < <(compgen -W "-d --db --help --version" -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -W "$(kith complete commands 2>/dev/null | cut -d: -f1)" -- "$cur")
    fi
    return
  fi
  if [ -z "$sub" ] && [[ $cur != -* ]] && kith complete commands "$cmd" 2>/dev/null | grep -q .; then
    mapfile -t COMPREPLY < <(compgen -W "$(kith complete commands "$cmd" 2>/dev/null | cut -d: -f1)" -- "$cur")
    return
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(kith complete options "$cmd" $sub 2>/dev/null)" -- "$cur")
    return
  fi
  case "$cmd${sub:+ $sub}" in
    help) mapfile -t COMPREPLY < <(compgen -W "$(kith complete commands 2>/dev/null | cut -d: -f1)" -- "$cur") ;;
    import) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); compopt -o filenames 2>/dev/null ;;
    backup) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); compopt -o filenames 2>/dev/null ;;
    "map show"|"map place") [ $npos -eq 0 ] && _kith_names maps "$cur" "${db[@]}" ||
                            _kith_names contacts "$cur" "${db[@]}" ;;
    log|me|path|"follow-up add"|relate|"role add"|"edit contact"|"delete contact")
      [ $npos -eq 0 ] || [ "$cmd" = relate ] && _kith_names contacts "$cur" "${db[@]}" ;;
    attend) [ $npos -eq 1 ] && _kith_names contacts "$cur" "${db[@]}" ;;
    "duplicates merge"|"duplicates not-same") [ $npos -lt 2 ] && _kith_names contacts "$cur" "${db[@]}" ;;
  esac
}
complete -F _kith kith
