using System.Reflection;
using System.Runtime.Loader;

namespace BaliProcess.Web.Infrastructure.Data;

/// <summary>
/// The migration assemblies reference this host, so the host cannot reference them; their build copies them
/// beside the host and this resolver loads them by name from there.
/// </summary>
public static class MigrationsAssemblyLoader
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is not (DatabaseOptions.SqliteMigrationsAssembly or DatabaseOptions.PostgresMigrationsAssembly))
            {
                return null;
            }

            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
    }

    public static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));
}
