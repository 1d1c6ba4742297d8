using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Infrastructure.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IMailSender"/>: the file sink or SMTP, as <see cref="MailOptions.EffectiveSender"/> decides. Safe to call twice.</summary>
    public static IServiceCollection AddPlatformMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.TryAddSingleton<FileMailSender>();
        services.TryAddSingleton<SmtpMailSender>();
        services.TryAddSingleton<IMailSender>(sp =>
            sp.GetRequiredService<IOptions<MailOptions>>().Value.EffectiveSender(sp.GetRequiredService<IHostEnvironment>()) == MailSenderKind.Smtp
                ? sp.GetRequiredService<SmtpMailSender>()
                : sp.GetRequiredService<FileMailSender>());
        services.TryAddSingleton<MailOutboxSignal>();
        services.TryAddSingleton<MailOutbox>();
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MailOutboxSender)))
        {
            services.AddHostedService<MailOutboxSender>();
        }

        return services;
    }
}
