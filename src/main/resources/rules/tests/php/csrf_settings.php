<?php

use Illuminate\Foundation\Configuration\Middleware;
use Symfony\Component\OptionsResolver\OptionsResolver;

return function (Middleware $middleware) {
    // ruleid: csrf
    $middleware->validateCsrfTokens(except: ['stripe/*']);
};

class TaskType
{
    public function configureOptions(OptionsResolver $resolver): void
    {
        $resolver->setDefaults([
            'data_class' => Task::class,
            // ruleid: csrf
            'csrf_protection' => false,
        ]);
        // ok: csrf
        $resolver->setDefaults(['csrf_protection' => true]);
    }

    public function prepend($container): void
    {
        // ruleid: csrf
        $container->prependExtensionConfig('framework', ['csrf_protection' => false]);
        // ok: csrf
        $container->prependExtensionConfig('twig_extra', ['csrf_protection' => false]);
    }
}

function save_settings() {
    // ruleid: csrf
    check_ajax_referer('save-settings', 'nonce', false);
    // ok: csrf
    if (!check_ajax_referer('save-settings', 'nonce', false)) {
        wp_send_json_error();
    }
    // ok: csrf
    check_ajax_referer('save-settings', 'nonce');
}
