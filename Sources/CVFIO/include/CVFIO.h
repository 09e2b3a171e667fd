#ifndef DRIVERGEN_CVFIO_H
#define DRIVERGEN_CVFIO_H

// What Swift cannot import from <linux/vfio.h>: the ioctl request numbers are function-like
// macros, ioctl(2) is variadic, and VFIO_DEVICE_SET_IRQS takes a flexible array. Empty on
// platforms other than Linux, so the package still builds there.

#ifdef __linux__
#include <linux/vfio.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>

static const unsigned long DRIVERGEN_VFIO_GET_API_VERSION = VFIO_GET_API_VERSION;
static const unsigned long DRIVERGEN_VFIO_CHECK_EXTENSION = VFIO_CHECK_EXTENSION;
static const unsigned long DRIVERGEN_VFIO_SET_IOMMU = VFIO_SET_IOMMU;
static const unsigned long DRIVERGEN_VFIO_GROUP_GET_STATUS = VFIO_GROUP_GET_STATUS;
static const unsigned long DRIVERGEN_VFIO_GROUP_SET_CONTAINER = VFIO_GROUP_SET_CONTAINER;
static const unsigned long DRIVERGEN_VFIO_GROUP_GET_DEVICE_FD = VFIO_GROUP_GET_DEVICE_FD;
static const unsigned long DRIVERGEN_VFIO_DEVICE_GET_INFO = VFIO_DEVICE_GET_INFO;
static const unsigned long DRIVERGEN_VFIO_DEVICE_GET_REGION_INFO = VFIO_DEVICE_GET_REGION_INFO;
static const unsigned long DRIVERGEN_VFIO_DEVICE_GET_IRQ_INFO = VFIO_DEVICE_GET_IRQ_INFO;
static const unsigned long DRIVERGEN_VFIO_IOMMU_GET_INFO = VFIO_IOMMU_GET_INFO;
static const unsigned long DRIVERGEN_VFIO_IOMMU_MAP_DMA = VFIO_IOMMU_MAP_DMA;
static const unsigned long DRIVERGEN_VFIO_IOMMU_UNMAP_DMA = VFIO_IOMMU_UNMAP_DMA;

/// ioctl(fd, request) with no argument.
static inline int drivergen_ioctl(int fd, unsigned long request) {
    return ioctl(fd, request);
}

/// ioctl(fd, request, value) with an integer argument.
static inline int drivergen_ioctl_value(int fd, unsigned long request, unsigned long value) {
    return ioctl(fd, request, value);
}

/// ioctl(fd, request, pointer).
static inline int drivergen_ioctl_pointer(int fd, unsigned long request, void *pointer) {
    return ioctl(fd, request, pointer);
}

/// Routes `count` vectors of interrupt `index` (MSI or MSI-X) to `fds`, from vector 0.
static inline int drivergen_vfio_set_irq_eventfds(int device, uint32_t index, uint32_t count, const int32_t *fds) {
    char buffer[sizeof(struct vfio_irq_set) + 2048 * sizeof(int32_t)];
    struct vfio_irq_set *set = (struct vfio_irq_set *)buffer;
    if (count > 2048) return -1;
    set->argsz = (uint32_t)(sizeof(struct vfio_irq_set) + count * sizeof(int32_t));
    set->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
    set->index = index;
    set->start = 0;
    set->count = count;
    for (uint32_t i = 0; i < count; i++) ((int32_t *)set->data)[i] = fds[i];
    return ioctl(device, VFIO_DEVICE_SET_IRQS, set);
}

/// Turns interrupt `index` off (MSI / MSI-X disabled, eventfds let go).
static inline int drivergen_vfio_disable_irqs(int device, uint32_t index) {
    struct vfio_irq_set set = {
        .argsz = sizeof(struct vfio_irq_set),
        .flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
        .index = index,
        .start = 0,
        .count = 0,
    };
    return ioctl(device, VFIO_DEVICE_SET_IRQS, &set);
}

static inline int drivergen_eventfd(void) {
    return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}
#endif

#endif
