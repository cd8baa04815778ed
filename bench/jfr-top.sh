#!/usr/bin/env bash
# Prints where the CPU samples of a JFR recording go: top self frames, top dev.synapse frames
# (inclusive) and the inclusive share of a few libraries.
# Usage: bench/jfr-top.sh FILE.jfr [N] [EXTRA_PREFIX...]
set -euo pipefail
FILE="$1"; N="${2:-30}"; shift 2 || shift $#
PREFIXES="ch.qos.logback io.micrometer io.vertx.micrometer com.fasterxml.jackson io.vertx.core.json dev.synapse.diff dev.synapse.analysis java.util.UUID java.security.SecureRandom io.vertx.core.eventbus io.vertx.ext.web io.netty $*"
jfr print --events jdk.ExecutionSample --stack-depth 96 "$FILE" | PREFIXES="$PREFIXES" perl -ne '
  BEGIN { @pre = split " ", $ENV{PREFIXES} }
  if (/stackTrace = \[/) { $in = 1; $first = 1; %seen = (); %pseen = (); $total++; next }
  if ($in && /^\s*\]/) { $in = 0; next }
  next unless $in;
  s/^\s+//; s/\s+line:.*//; chomp; next if $_ eq "" || /^\.\.\./;
  if ($first) { $self{$_}++; $first = 0 }
  if (/^dev\.synapse/ && !$seen{$_}++) { $incl{$_}++ }
  for $p (@pre) { if (index($_, $p) == 0 && !$pseen{$p}++) { $lib{$p}++ } }
  END {
    printf "samples: %d\n\nself (top frame):\n", $total;
    my $i = 0; for (sort { $self{$b} <=> $self{$a} } keys %self) { last if ++$i > '"$N"'; printf "%6.2f%%  %s\n", 100*$self{$_}/$total, $_ }
    print "\ninclusive, dev.synapse frames:\n";
    $i = 0; for (sort { $incl{$b} <=> $incl{$a} } keys %incl) { last if ++$i > '"$N"'; printf "%6.2f%%  %s\n", 100*$incl{$_}/$total, $_ }
    print "\ninclusive, by library prefix:\n";
    for (sort { $lib{$b} <=> $lib{$a} } keys %lib) { printf "%6.2f%%  %s\n", 100*$lib{$_}/$total, $_ }
  }'
