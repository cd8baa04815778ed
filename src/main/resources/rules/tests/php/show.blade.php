@extends('layouts.app')

@section('content')
  <h1>{{ $post->title }}</h1>
  {{-- ruleid: xss --}}
  <div class="highlight">{!! request('highlight') !!}</div>
  {{-- ruleid: xss --}}
  <div class="body">{!! $post->body_html !!}</div>
  {{-- ok: xss --}}
  <div class="intro">{{ request('intro') }}</div>
  {{-- ok: xss --}}
  <div class="sep">{!! '<hr>' !!}</div>
@endsection
